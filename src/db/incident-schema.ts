// Generated table types (ADR 0013), under the names the repositories import.
export type {
  Incidents as IncidentsTable,
} from './generated/database.js';

// Generated table types (ADR 0013), under the names the repositories import.
export type {
  MonitorOutages as MonitorOutagesTable,
} from './generated/database.js';

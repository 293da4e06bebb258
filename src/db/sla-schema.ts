// Generated table types (ADR 0013), under the names the repositories import.
export type {
  SlaReportPublications as SlaReportPublicationsTable,
} from './generated/database.js';

// Generated table types (ADR 0013), under the names the repositories import.
export type {
  BillingRuns as BillingRunsTable,
  BillingStatements as BillingStatementsTable,
} from './generated/database.js';

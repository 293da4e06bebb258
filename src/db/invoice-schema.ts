// Generated table types (ADR 0013), under the names the repositories import.
export type {
  Invoices as InvoicesTable,
  SellerSettings as SellerSettingsTable,
} from './generated/database.js';

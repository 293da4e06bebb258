// Generated table types (ADR 0013), under the names the repositories import.
export type {
  Passkeys as PasskeysTable,
} from './generated/database.js';

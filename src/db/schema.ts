/**
 * The database's Kysely types. They are generated from the migrated schema (ADR 0013):
 * change a migration, run `npm run db:types`, commit src/db/generated/database.ts.
 * Below are only the names the repositories use; new code may write `Database['table']`.
 */
export type { DB as Database } from './generated/database.js';
export type {
  AgreementVersions as AgreementVersionsTable,
  ApiTokens as ApiTokensTable,
  AuditEvents as AuditEventsTable,
  CalendarExceptions as CalendarExceptionsTable,
  Calendars as CalendarsTable,
  Monitors as MonitorsTable,
  Services as ServicesTable,
  SlaExclusions as SlaExclusionsTable,
  Tenants as TenantsTable,
  TenantSubscriptions as TenantSubscriptionsTable,
  TicketAttachments as TicketAttachmentsTable,
  TicketEvents as TicketEventsTable,
  Tickets as TicketsTable,
  UserInvitations as UserInvitationsTable,
  Users as UsersTable,
} from './generated/database.js';

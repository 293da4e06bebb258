import type { ColumnType, Generated } from 'kysely';
import type { BillingTables } from './billing-schema.js';
import type { IncidentTables } from './incident-schema.js';
import type { AvailabilityTables } from './availability-schema.js';
import type { SlaTables } from './sla-schema.js';
import type { WatchTables } from './watch-schema.js';
import type { InvoiceTables } from './invoice-schema.js';
import type { BillingRunTables } from './billing-run-schema.js';
import type { SecondFactorTables } from './second-factor-schema.js';

/** Timestamps come back as Date from both drivers; we write ISO strings or Dates. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are read as text (see the type parsers in connect.ts). */
type DateText = ColumnType<string, string, string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface CalendarsTable {
  id: string;
  name: string;
  time_zone: Generated<string>;
  created_at: GeneratedTimestamp;
  weekly_hours: ColumnType<unknown, string | undefined, string>;
  rules: string | null;
  description: string | null;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface CalendarExceptionsTable {
  calendar_id: string;
  date: DateText;
  kind: string;
  slots: Json | null;
  reason: string;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface TenantsTable {
  id: Generated<string>;
  name: string;
  registration_number: string;
  vat_number: string | null;
  address: Json | null;
  email: string | null;
  peppol_scheme: string;
  peppol_id: string;
  status: Generated<string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface AgreementsTable {
  id: Generated<string>;
  tenant_id: string;
  number: string;
  created_at: GeneratedTimestamp;
}

export interface AgreementVersionsTable {
  agreement_id: string;
  version: number;
  tenant_id: string;
  number: string;
  signed_on: DateText;
  effective_from: DateText;
  effective_to: DateText | null;
  availability_target_percent: ColumnType<string, string | number, string | number>;
  calendar_id: string;
  maintenance_notice_hours: number;
  desk_targets: Json;
  buyer_reference: string | null;
  vat_exempt: boolean;
  change_note: string | null;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: string;
  tenant_id: string | null;
  active: Generated<boolean>;
  locale: Generated<string>;
  password_hash: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  last_login_at: Timestamp | null;
}

export interface UserInvitationsTable {
  id: Generated<string>;
  tenant_id: string;
  email: string;
  name: string;
  role: string;
  locale: Generated<string>;
  token_hash: string | null;
  invited_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  user_id: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  tenant_id: string | null;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  last_seen_at: GeneratedTimestamp;
  client_address: string | null;
  user_agent: string | null;
  id: Generated<string>;
  /** full, or pending: second_factor / enrolment */
  stage: Generated<string>;
  challenge: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  token_hash: string;
  prefix: string;
  role: string;
  tenant_id: string | null;
  created_by: string | null;
  /** The person who made it (016); null when no person did. */
  created_by_user_id: string | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  email: string;
  client_address: string;
  at: GeneratedTimestamp;
  /** null while the attempt is being checked */
  succeeded: boolean | null;
  kind: Generated<string>;
  device: string | null;
}

export interface AuditEventsTable {
  seq: ColumnType<string, string | number | bigint, never>;
  id: string;
  at: Timestamp;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  tenant_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  client_address: string | null;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  dedupe_key: string | null;
  payload: Json;
  status: Generated<string>;
  run_at: GeneratedTimestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: GeneratedTimestamp;
}

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface TicketsTable {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  tenant_id: string;
  agreement_id: string | null;
  calendar_id: string;
  service_id: string | null;
  priority: string;
  category: string;
  subject: string;
  description: string;
  status: Generated<string>;
  reporter_id: string | null;
  reporter_label: string;
  assignee_id: string | null;
  reaction_target_minutes: number;
  resolution_target_minutes: number;
  reaction_due_at: NullableTimestamp;
  resolution_due_at: NullableTimestamp;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  reaction_warned_at: NullableTimestamp;
  reaction_breached_at: NullableTimestamp;
  resolution_warned_at: NullableTimestamp;
  resolution_breached_at: NullableTimestamp;
  satisfaction_rating: number | null;
  satisfaction_comment: string | null;
  rated_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TicketEventsTable {
  id: Generated<string>;
  ticket_id: string;
  tenant_id: string;
  at: Timestamp;
  kind: string;
  actor_id: string | null;
  actor_label: string;
  by_staff: boolean;
  public: boolean;
  from_status: string | null;
  to_status: string | null;
  body: string | null;
  data: Json | null;
}

export interface TicketAttachmentsTable {
  id: Generated<string>;
  ticket_id: string;
  tenant_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: string;
  by_staff: boolean;
  created_at: GeneratedTimestamp;
}

export interface ServicesTable {
  id: Generated<string>;
  code: string;
  name_lv: string;
  name_en: string | null;
  description: string | null;
  holder: string | null;
  provider: string | null;
  legal_basis: ColumnType<unknown, string, string>;
  customer_group: string | null;
  request_channels: ColumnType<unknown, string, string>;
  fee: string | null;
  time_limit: string | null;
  result_delivery: string | null;
  critical: boolean;
  owner: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TenantSubscriptionsTable {
  id: Generated<string>;
  tenant_id: string;
  service_id: string;
  mode: string;
  valid_from: DateText;
  valid_to: DateText | null;
  created_at: GeneratedTimestamp;
}

export interface MonitorsTable {
  id: Generated<string>;
  service_id: string;
  tenant_id: string | null;
  name: string;
  type: string;
  target: string | null;
  config: ColumnType<unknown, string, string>;
  interval_seconds: number;
  timeout_ms: number;
  failures_to_confirm: number;
  critical: boolean;
  locations: string[];
  active: boolean;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ProbeResultsTable {
  monitor_id: string;
  location: string;
  at: Timestamp;
  ok: boolean;
  latency_ms: number | null;
  error: string | null;
}

export interface MaintenanceWindowsTable {
  id: Generated<string>;
  title: string;
  description: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  announced_at: Timestamp;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface MaintenanceWindowServicesTable {
  window_id: string;
  service_id: string;
}

export interface SlaExclusionsTable {
  id: Generated<string>;
  service_id: string;
  tenant_id: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: string;
  created_at: GeneratedTimestamp;
  created_by: string;
  withdrawn_at: ColumnType<Date | null, never, Date | string>;
  withdrawn_by: ColumnType<string | null, never, string>;
  withdrawal_reason: ColumnType<string | null, never, string>;
}

export interface Database extends BillingTables, IncidentTables, AvailabilityTables, SlaTables, WatchTables, InvoiceTables, BillingRunTables, SecondFactorTables {
  calendars: CalendarsTable;
  calendar_exceptions: CalendarExceptionsTable;
  tenants: TenantsTable;
  agreements: AgreementsTable;
  agreement_versions: AgreementVersionsTable;
  users: UsersTable;
  user_invitations: UserInvitationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  tickets: TicketsTable;
  services: ServicesTable;
  monitors: MonitorsTable;
  probe_results: ProbeResultsTable;
  maintenance_windows: MaintenanceWindowsTable;
  maintenance_window_services: MaintenanceWindowServicesTable;
  sla_exclusions: SlaExclusionsTable;
  tenant_subscriptions: TenantSubscriptionsTable;
  ticket_events: TicketEventsTable;
  ticket_attachments: TicketAttachmentsTable;
  kopa_schema_migrations: SchemaMigrationsTable;
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Scope, Tx } from '../app/shared/transaction.js';
import type { Store } from '../app/ports.js';
import type { KopaError } from '../domain/errors.js';
import { fieldError, stateProblem } from '../domain/errors.js';
import type { Database } from './schema.js';
import { sessionStanding } from './session-standing.js';
import { tokenStanding } from './token-standing.js';
import { asTx } from './tx.js';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable.js';
import { agreementRepository } from './repositories/agreements.js';
import { auditRepository } from './repositories/audit.js';
import { billingRepository } from './repositories/billing.js';
import { calendarRepository } from './repositories/calendars.js';
import { identityProviderRepository } from './repositories/identity-providers.js';
import { incidentRepository } from './repositories/incidents.js';
import { invitationRepository } from './repositories/invitations.js';
import { rollupRepository } from './repositories/rollups.js';
import { statusDayRepository } from './repositories/status-days.js';
import { slaPublicationRepository } from './repositories/sla-publications.js';
import { watchRepository } from './repositories/watch.js';
import { invoiceRepository } from './repositories/invoices.js';
import { billingRunRepository } from './repositories/billing-runs.js';
import { jobRepository } from './repositories/jobs.js';
import { outboxRepository } from './repositories/outbox.js';
import { statusSubscriberRepository } from './repositories/status-subscribers.js';
import { notificationSettingsRepository } from './repositories/notification-settings.js';
import { leaseRepository } from './repositories/leases.js';
import { loginAttemptRepository } from './repositories/login-attempts.js';
import { maintenanceRepository, monitorRepository, slaExclusionRepository } from './repositories/monitoring.js';
import { probeResultRepository } from './repositories/probe-results.js';
import { serviceRepository, subscriptionRepository } from './repositories/services.js';
import { sessionRepository } from './repositories/sessions.js';
import { tenantRecordRepository } from './repositories/tenant-records.js';
import { secondFactorRepository } from './repositories/second-factors.js';
import { tenantRepository } from './repositories/tenants.js';
import { ticketRepository } from './repositories/tickets.js';
import { inboundMailRepository } from './repositories/inbound-mail.js';
import { tokenRepository } from './repositories/tokens.js';
import { userRepository } from './repositories/users.js';
import { backupRunRepository } from './repositories/backup-runs.js';


/**
 * Every transaction drops to the non-owner role kopa_app and states its tenant and
 * role, so row-level security filters even a query that forgot its WHERE.
 *
 * BEGIN and the scope go to the server as one simple-protocol message (one round trip, not two):
 * this runs twice on every API call. The simple protocol takes no parameters, so the scope's two
 * values are checked to be a role name and a uuid before they are written into the text.
 */
export async function runScoped<T>(db: Kysely<Database>, scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const opening = sql.raw(
    `BEGIN; SELECT set_config('kopa.role', '${checked(scope.role, ROLE_NAME)}', true), ` +
      `set_config('kopa.tenant_id', '${scope.tenantId === null ? '' : checked(scope.tenantId, UUID)}', true), set_config('role', 'kopa_app', true)`,
  );
  try {
    return await db.connection().execute(async (conn) => {
      let result: T;
      try {
        // Inside the try: should BEGIN pass and the scope fail, the connection goes back to the pool
        // rolled back, not inside an open transaction the next request would inherit.
        await opening.execute(conn);
        result = await fn(asTx(conn as Transaction<Database>));
      } catch (error) {
        await sql.raw('ROLLBACK').execute(conn).catch(() => {});
        throw error;
      }
      await sql.raw('COMMIT').execute(conn);
      return result;
    });
  } catch (error) {
    // A lost or refused connection is the database's state, not the request's fault: a 503 the
    // caller may retry, whatever the use case was doing when it happened.
    if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
    throw uniqueViolationAsConflict(error) ?? error;
  }
}

// Empty is allowed: a scope with no role sees nothing (test/integration/row-level-security.test.ts).
const ROLE_NAME = /^[a-z_]{0,40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function checked(value: string, shape: RegExp): string {
  if (!shape.test(value)) throw new Error(`Refusing a transaction scope that is not a role name or a uuid: ${JSON.stringify(value)}`);
  return value;
}

/** Unique indexes named by the field a caller would have to change. */
const UNIQUE_FIELDS: Record<string, string> = {
  tenants_registration_number_key: 'registrationNumber',
  users_email_key: 'email',
  agreements_number_key: 'number',
  billing_providers_pkey: 'code',
  billing_resources_pkey: 'code',
  sla_report_publications_tenant_id_month_version_key: 'version',
  passkeys_credential_id_key: 'response',
  identity_providers_issuer_client_id_key: 'clientId',
};

/**
 * The use cases check uniqueness first, but two requests at the same moment both pass
 * that check; the unique index then decides, and the loser gets a 409, not a 500.
 */
function uniqueViolationAsConflict(error: unknown): KopaError | null {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return null;
  const field = typeof constraint === 'string' ? UNIQUE_FIELDS[constraint] : undefined;
  return stateProblem('conflict', 'saved_meanwhile', {}, 'This conflicts with a record that was saved at the same moment', field ? [fieldError(field, 'not_unique', 'is already used')] : []);
}

export function createStore(db: Kysely<Database>): Store {
  return {
    run: (scope, fn) => runScoped(db, scope, fn),
    tokenStanding: (tokenHash) => tokenStanding(db, tokenHash),
    sessionStanding: (tokenHash) => sessionStanding(db, tokenHash),
    tenants: tenantRepository,
    agreements: agreementRepository,
    calendars: calendarRepository,
    users: userRepository,
    sessions: sessionRepository,
    tokens: tokenRepository,
    loginAttempts: loginAttemptRepository,
    secondFactors: secondFactorRepository,
    audit: auditRepository,
    jobs: jobRepository,
    outbox: outboxRepository,
    statusSubscribers: statusSubscriberRepository,
    notificationSettings: notificationSettingsRepository,
    leases: leaseRepository,
    tickets: ticketRepository,
    inboundMail: inboundMailRepository,
    services: serviceRepository,
    monitors: monitorRepository,
    probeResults: probeResultRepository,
    maintenance: maintenanceRepository,
    slaExclusions: slaExclusionRepository,
    subscriptions: subscriptionRepository,
    billing: billingRepository,
    incidents: incidentRepository,
    invitations: invitationRepository,
    rollups: rollupRepository,
    // VACUUM runs outside a transaction block, so on a connection of its own rather than in `run`.
    statusDays: { ...statusDayRepository, reclaimKeptAnswers: () => db.connection().execute(async (conn) => void (await sql.raw('VACUUM status_answers').execute(conn))) },
    slaPublications: slaPublicationRepository,
    watch: watchRepository,
    invoices: invoiceRepository,
    billingRuns: billingRunRepository,
    tenantRecords: tenantRecordRepository,
    identityProviders: identityProviderRepository,
    backups: backupRunRepository,
  };
}

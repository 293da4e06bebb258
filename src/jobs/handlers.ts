import type { Deps } from '../app/ports.js';
import { deliverInvitation } from '../app/identity/accept-invitation.js';
import { escalateTickets } from '../app/desk/escalate-tickets.js';
import { queueEscalationNotifications, type Escalation } from '../app/desk/notify-escalation.js';
import { sendOutbox } from '../app/outbox/send-outbox.js';
import { SYSTEM } from '../app/shared/transaction.js';
import { closeMonth } from '../app/availability/publish-sla-reports.js';
import { pruneProbeResults } from '../app/monitoring/prune-probe-results.js';
import { recordMissedBeats } from '../app/monitoring/push-monitors.js';
import { watchOutages } from '../app/monitoring/watch-outages.js';
import { runMaintenanceNotices } from '../app/monitoring/maintenance-notice-job.js';
import { ROLLUP_STEP_MS, rollUpAvailability } from '../app/availability/roll-up-availability.js';
import { runHousekeeping } from '../app/operations/run-housekeeping.js';
import { runScheduledBackup } from '../app/backup/run-scheduled-backup.js';
import { pruneUnconfirmedSubscribers } from '../app/status-subscriptions/prune-unconfirmed.js';
import type { BackupSchedule } from '../app/backup/ports.js';
import type { JobHandler, PeriodicJob } from './worker.js';

export function jobHandlers(deps: Deps, options: { probeRetentionDays?: number; backup?: BackupSchedule | null } = {}): Record<string, JobHandler> {
  let escalatedSinceStart = false;
  return {
    // Registered on every replica, configured or not: whichever claims the job runs it or fails loudly.
    backup: async () => {
      await runScheduledBackup(deps, options.backup ?? null);
    },
    housekeeping: async () => {
      await runHousekeeping(deps);
      await pruneProbeResults(deps, options.probeRetentionDays ?? 90);
      await pruneUnconfirmedSubscribers(deps);
    },
    'availability-rollup': async () => {
      await rollUpAvailability(deps, { minStepMs: ROLLUP_STEP_MS });
    },
    'push-watch': async () => {
      await recordMissedBeats(deps);
    },
    'outage-watch': async () => {
      await watchOutages(deps);
    },
    // Reminders the day before, completed notices, and recurring series kept a year ahead.
    'maintenance-notices': async () => {
      await runMaintenanceNotices(deps);
    },
    // `webhook`, `mail` and `notify` jobs are no longer queued (notices go through the outbox, ADR 0020);
    // these run the ones an earlier release left in the queue. A signed event for a configured webhook.
    webhook: async (payload) => {
      const { url, event, deliveryId, body } = payload as { url: string; event: string; deliveryId: string; body: unknown };
      const target = deps.notifications?.webhooks.find((w) => w.url === url);
      if (!deps.notifier || !target) return; // removed from the configuration since it was queued
      await deps.notifier.postWebhook(url, target.secret, event, deliveryId, body);
    },
    'month-close': async () => {
      await closeMonth(deps);
    },
    // A plain e-mail queued by an earlier release; throwing retries it with back-off.
    mail: async (payload) => {
      if (!deps.notifier) throw new Error('E-mail is not configured');
      await deps.notifier.sendMail(payload as { to: string[]; subject: string; text: string });
    },
    // The first run of this process looks at every open ticket: the kept instants were computed by
    // the release before, whose holidays and clock rules may differ (ADR 0027).
    'ticket-escalation': async () => {
      await escalateTickets(deps, { everyOpenTicket: !escalatedSinceStart });
      escalatedSinceStart = true;
    },
    // An invitation's e-mail: a link for a new address, a notice for one that has an account.
    invitation: async (payload) => {
      await deliverInvitation(deps, payload as { invitationId: string });
    },
    // An escalation's notification queued by an earlier release: recorded in the outbox now, once.
    notify: async (payload) => {
      const { escalation } = payload as { escalation: Escalation };
      await deps.store.run(SYSTEM, (tx) => queueEscalationNotifications(deps, tx, escalation, deps.clock.now()));
    },
  };
}

/** The outbox sender the worker runs after each poll's jobs; failures are logged, their reasons kept on the rows. */
export function outboxSender(deps: Deps, log: { warn?(obj: object, msg: string): void; error(obj: object, msg: string): void }): (stopping: () => boolean) => Promise<void> {
  return async (stopping) => {
    const pass = await sendOutbox(deps, { stopping });
    for (const f of pass.failures) (f.final ? log.error : (log.warn ?? log.error)).call(log, f, f.final ? 'notice failed for good' : 'notice not delivered, will retry');
  };
}

export const PERIODIC_JOBS: PeriodicJob[] = [
  { kind: 'housekeeping', everySeconds: 3600 },
  { kind: 'ticket-escalation', everySeconds: 60 },
  { kind: 'availability-rollup', everySeconds: 60 },
  { kind: 'month-close', everySeconds: 3600 },
  { kind: 'push-watch', everySeconds: 30 },
  { kind: 'outage-watch', everySeconds: 60 },
  { kind: 'maintenance-notices', everySeconds: 300 },
];

/** The scheduled backup, once per interval across all replicas (the period's dedupe key), when a folder is configured. */
export function backupJobs(schedule: { dir: string | undefined; intervalHours: number }): PeriodicJob[] {
  return schedule.dir ? [{ kind: 'backup', everySeconds: schedule.intervalHours * 3600 }] : [];
}

import type { Deps } from '../app/ports.js';
import { escalateTickets } from '../app/escalate-tickets.js';
import { deliverNotification, type NotificationPayload } from '../app/notify-escalation.js';
import { runHousekeeping } from '../app/run-housekeeping.js';
import type { JobHandler, PeriodicJob } from './worker.js';

export function jobHandlers(deps: Deps): Record<string, JobHandler> {
  return {
    housekeeping: async () => {
      await runHousekeeping(deps);
    },
    'ticket-escalation': async () => {
      await escalateTickets(deps);
    },
    notify: async (payload) => {
      await deliverNotification(deps, payload as NotificationPayload);
    },
  };
}

export const PERIODIC_JOBS: PeriodicJob[] = [
  { kind: 'housekeeping', everySeconds: 3600 },
  { kind: 'ticket-escalation', everySeconds: 60 },
];

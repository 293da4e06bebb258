/** What housekeeping needs: the pruning end of sessions, sign-in attempts, known browsers and jobs. */
import type { AuditStore } from '../audit/ports.js';
import type { SessionStore } from '../identity/ports.js';
import type { LoginAttemptStore, SecondFactorStore } from '../identity/second-factor-ports.js';
import type { Clock, JobStore, Transactions } from '../shared/ports.js';

export interface HousekeepingDeps {
  store: Transactions & {
    sessions: Pick<SessionStore, 'deleteExpired'>;
    loginAttempts: Pick<LoginAttemptStore, 'prune'>;
    secondFactors: Pick<SecondFactorStore, 'pruneBrowsers'>;
    jobs: Pick<JobStore, 'prune'>;
    audit: AuditStore;
  };
  clock: Clock;
}

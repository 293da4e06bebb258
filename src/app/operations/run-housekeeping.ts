import { systemActor } from '../../domain/actor.js';
import type { HousekeepingDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';

const LOGIN_ATTEMPT_RETENTION_DAYS = 30;
const FINISHED_JOB_RETENTION_DAYS = 7;

/** Deletes expired sessions and known browsers, old login attempts and finished jobs; runs as a queued job. */
export async function runHousekeeping(deps: HousekeepingDeps): Promise<{ sessions: number; loginAttempts: number; knownBrowsers: number; jobs: number }> {
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const pruned = {
      sessions: await deps.store.sessions.deleteExpired(tx, now),
      loginAttempts: await deps.store.loginAttempts.prune(tx, new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_DAYS * 86_400_000)),
      knownBrowsers: await deps.store.secondFactors.pruneBrowsers(tx, now),
      jobs: await deps.store.jobs.prune(tx, new Date(now.getTime() - FINISHED_JOB_RETENTION_DAYS * 86_400_000)),
    };
    if (pruned.sessions + pruned.loginAttempts + pruned.knownBrowsers > 0) {
      await recordAudit(deps, tx, systemActor('housekeeping'), { action: 'housekeeping.pruned', entityType: 'system', entityId: null, tenantId: null, after: pruned });
    }
    return pruned;
  });
}

import type { Actor } from '../../domain/actor.js';
import { notFound, fieldError, stateProblem } from '../../domain/errors.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { MonitoringDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashSecret, newSecret } from '../shared/secrets.js';
import { SYSTEM } from '../shared/transaction.js';

const PUSH_PREFIX = 'kopa_push_';

/** A new secret URL for a push monitor; the previous one stops working. Shown once. */
export async function issuePushToken(deps: MonitoringDeps, actor: Actor, monitorId: string): Promise<{ token: string; url: string }> {
  requirePermission(actor, 'monitors.write');
  const token = PUSH_PREFIX + newSecret(24);
  await deps.store.run(scopeOf(actor), async (tx) => {
    const monitor = await deps.store.monitors.get(tx, monitorId);
    if (!monitor) throw notFound('Monitor');
    if (monitor.type !== 'push') throw stateProblem('invalid_state', 'not_push_monitor', {}, 'Only push monitors have a push URL', [fieldError('type', 'not_push_monitor', 'is not push')]);
    await deps.store.watch.setPushToken(tx, monitorId, hashSecret(token), actor.label, deps.clock.now());
    await recordAudit(deps, tx, actor, { action: 'monitor.push_token_issued', entityType: 'monitor', entityId: monitorId, tenantId: monitor.tenantId, after: { monitorId } });
  });
  const path = `/api/v1/push/${token}`;
  return { token, url: deps.notifications?.publicUrl ? `${deps.notifications.publicUrl}${path}` : path };
}

export interface Beat {
  status?: 'up' | 'down' | undefined;
  message?: string | undefined;
  latencyMs?: number | undefined;
}

/**
 * A beat from a monitored system. Beats are telemetry like probe results: stored idempotently
 * (one per millisecond), not audited one by one; the token's issue is what the audit log keeps.
 */
export async function receiveBeat(deps: Pick<MonitoringDeps, 'store' | 'clock'>, token: string, beat: Beat): Promise<{ monitorId: string; at: string }> {
  if (!token.startsWith(PUSH_PREFIX)) throw notFound('Push monitor');
  const at = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const monitorId = await deps.store.watch.monitorForPushToken(tx, hashSecret(token));
    const monitor = monitorId ? await deps.store.monitors.get(tx, monitorId) : null;
    if (!monitor || monitor.type !== 'push') throw notFound('Push monitor');
    if (!monitor.active) throw stateProblem('invalid_state', 'monitor_paused', {}, 'The monitor is paused', [fieldError('token', 'monitor_paused', 'belongs to a paused monitor')]);
    await deps.store.probeResults.ensurePartitions(tx, [at]);
    await deps.store.probeResults.insert(tx, monitor.id, [{ at, ok: beat.status !== 'down', latencyMs: beat.latencyMs ?? null, location: monitor.locations[0]!, error: beat.status === 'down' ? (beat.message?.slice(0, 500) ?? 'reported down') : null }]);
    return { monitorId: monitor.id, at: at.toISOString() };
  });
}

const graceMs = (m: Pick<Monitor, 'intervalSeconds'>) => Math.min(m.intervalSeconds * 500, 60_000);

/**
 * Turns silence into evidence: for every interval a push monitor has gone without a beat (after
 * a grace period), a failed result at the slot where the beat was due. Replicas write the same keys.
 */
export async function recordMissedBeats(deps: Pick<MonitoringDeps, 'store' | 'clock'>): Promise<{ missed: number }> {
  const now = deps.clock.now().getTime();
  let missed = 0;
  const monitors = (await deps.store.run(SYSTEM, (tx) => deps.store.monitors.list(tx, {}))).filter((m) => m.type === 'push' && m.active);
  for (const monitor of monitors) {
    await deps.store.run(SYSTEM, async (tx) => {
      const [last] = (await deps.store.watch.latestResults(tx, monitor.id, 1)).filter((r) => r.location === monitor.locations[0]);
      if (!last) return;
      const interval = monitor.intervalSeconds * 1000;
      const slots: Date[] = [];
      // At most a day of slots per run, so a long-dead sender cannot stall the job.
      for (let slot = last.at.getTime() + interval; slot + graceMs(monitor) <= now && slots.length < 1440; slot += interval) slots.push(new Date(slot));
      if (slots.length === 0) return;
      await deps.store.probeResults.ensurePartitions(tx, slots);
      missed += await deps.store.probeResults.insert(tx, monitor.id, slots.map((at) => ({ at, ok: false, latencyMs: null, location: monitor.locations[0]!, error: 'no beat received' })));
    });
  }
  return { missed };
}


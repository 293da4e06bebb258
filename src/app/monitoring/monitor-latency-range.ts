import type { Actor } from '../../domain/actor.js';
import { DEFAULT_ZONE } from '../../domain/calendar/local-time.js';
import { notFound } from '../../domain/errors.js';
import { BUCKET_MINUTES, latencyRangeBuckets, type LatencyBucket } from '../../domain/monitoring/latency-range.js';
import type { MonitorRange } from '../../domain/monitoring/monitor-range.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { SYSTEM } from '../shared/transaction.js';
import type { MonitoringDeps } from './ports.js';

export interface LatencyRangePoint {
  at: string;
  p50LatencyMs: number | null;
  avgLatencyMs: number | null;
  maxLatencyMs: number | null;
  checks: number;
  failures: number;
}

export interface LatencyRangeSeries {
  monitorId: string;
  range: MonitorRange;
  bucket: LatencyBucket;
  bucketMinutes: number;
  /** The first bucket's start (the range's start rounded down to a whole bucket) and now. */
  from: string;
  to: string;
  /** Every bucket of the range, oldest first; one without results has `checks: 0` and null latencies (a gap, not zero). */
  points: LatencyRangePoint[];
}

/**
 * A monitor's latency over the last day, week, month or quarter: median, average and maximum per
 * bucket. Read from the raw probe results, which are kept `KOPA_PROBE_RETENTION_DAYS` (90 by
 * default, whole months, so at least 90 days); the availability rollup keeps states, not latency,
 * so with a shorter retention the oldest buckets of the range come back empty.
 */
export async function monitorLatencyRange(deps: MonitoringDeps, actor: Actor, monitorId: string, range: MonitorRange): Promise<LatencyRangeSeries> {
  requirePermission(actor, 'monitors.read');
  const monitor = await deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.get(tx, monitorId));
  if (!monitor) throw notFound('Monitor');
  const buckets = latencyRangeBuckets(range, deps.clock.now().getTime(), DEFAULT_ZONE);
  const starts = buckets.starts.map((s) => new Date(s));
  // The caller may see the monitor (checked above); its results are read in the system scope.
  const rows = await deps.store.run(SYSTEM, (tx) => deps.store.watch.latencyBuckets(tx, monitor.id, starts, new Date(buckets.to)));
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  return {
    monitorId: monitor.id,
    range,
    bucket: buckets.bucket,
    bucketMinutes: BUCKET_MINUTES[buckets.bucket],
    from: new Date(buckets.from).toISOString(),
    to: new Date(buckets.to).toISOString(),
    points: starts.map((start, i) => {
      const r = byIndex.get(i);
      return { at: start.toISOString(), p50LatencyMs: r?.p50LatencyMs ?? null, avgLatencyMs: r?.avgLatencyMs ?? null, maxLatencyMs: r?.maxLatencyMs ?? null, checks: r?.checks ?? 0, failures: r?.failures ?? 0 };
    }),
  };
}

import type { LatencyPoint } from './queries';

export interface HourRow {
  /** The hour's start, an ISO instant. */
  at: string;
  checks: number;
  failures: number;
  avg: number | null;
  max: number | null;
}

/** The buckets added up per hour, for the table that stands in for the chart. */
export function latencyByHour(points: LatencyPoint[]): HourRow[] {
  const hours = new Map<number, { checks: number; failures: number; sum: number; weight: number; max: number | null }>();
  for (const p of points) {
    const hour = Math.floor(Date.parse(p.at) / 3_600_000) * 3_600_000;
    const row = hours.get(hour) ?? { checks: 0, failures: 0, sum: 0, weight: 0, max: null };
    row.checks += p.checks;
    row.failures += p.failures;
    if (p.avgLatencyMs !== null) {
      const measured = Math.max(1, p.checks - p.failures);
      row.sum += p.avgLatencyMs * measured;
      row.weight += measured;
    }
    if (p.maxLatencyMs !== null) row.max = row.max === null ? p.maxLatencyMs : Math.max(row.max, p.maxLatencyMs);
    hours.set(hour, row);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, r]) => ({ at: new Date(hour).toISOString(), checks: r.checks, failures: r.failures, avg: r.weight > 0 ? Math.round(r.sum / r.weight) : null, max: r.max }));
}

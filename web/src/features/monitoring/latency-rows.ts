import type { LatencyPoint } from './queries';

/** A row of the table under the latency chart: a bucket with checks, or a run of buckets without any. */
export type LatencyRow = { kind: 'checks'; point: LatencyPoint } | { kind: 'gap'; from: string; to: string };

/**
 * The buckets as table rows: each one with checks on its own row, each run of empty ones as one
 * "no checks from … to …" row, so a quiet week is one line instead of 168 and still says it was quiet.
 * `to` is where the last bucket ends (now).
 */
export function latencyRows(points: LatencyPoint[], to: string): LatencyRow[] {
  const rows: LatencyRow[] = [];
  points.forEach((point, i) => {
    if (point.checks > 0) {
      rows.push({ kind: 'checks', point });
      return;
    }
    const end = points[i + 1]?.at ?? to;
    const last = rows.at(-1);
    if (last?.kind === 'gap') last.to = end;
    else rows.push({ kind: 'gap', from: point.at, to: end });
  });
  return rows;
}

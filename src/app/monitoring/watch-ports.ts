/** Push-monitor tokens and confirmed outages (`Store['watch']`). */
import type { Tx } from '../shared/transaction.js';

export interface OutageRecord {
  id: string;
  monitorId: string;
  startedAt: string;
  confirmedAt: string;
  endedAt: string | null;
  ticketIds: string[];
}

export interface WatchStore {
  setPushToken(tx: Tx, monitorId: string, tokenHash: string, createdBy: string, at: Date): Promise<void>;
  monitorForPushToken(tx: Tx, tokenHash: string): Promise<string | null>;
  /** The latest result per location of each monitor (for push beats and the outage watch). */
  latestResults(tx: Tx, monitorId: string, perLocation: number): Promise<{ location: string; at: Date; ok: boolean }[]>;
  /** Latency and failures of a monitor in fixed buckets over [from, to). */
  /** Buckets with results of each monitor, ordered by monitor and time. */
  latencySeries(tx: Tx, monitorIds: string[], from: Date, to: Date, bucketMinutes: number): Promise<{ monitorId: string; bucket: Date; avgLatencyMs: number | null; maxLatencyMs: number | null; checks: number; failures: number }[]>;
  /**
   * The same in buckets of whole hours from `from` (a whole UTC hour), from the latency hours the
   * rollup keeps (ADR 0026) where they are final and the raw results elsewhere: the same figures.
   */
  latencyHourSeries(tx: Tx, monitorIds: string[], from: Date, to: Date, bucketHours: number): Promise<{ monitorId: string; bucket: Date; avgLatencyMs: number | null; maxLatencyMs: number | null; checks: number; failures: number }[]>;
  /**
   * One monitor's latency over [starts[0], to) in the given buckets (each runs to the next start):
   * only buckets with results, by their index in `starts`; the median and average of the results
   * that measured a latency, failed ones included, as in `latencySeries`.
   */
  latencyBuckets(tx: Tx, monitorId: string, starts: Date[], to: Date): Promise<{ index: number; p50LatencyMs: number | null; avgLatencyMs: number | null; maxLatencyMs: number | null; checks: number; failures: number }[]>;
  /** The open outage of each of the monitors that has one, in one read: monitor id → outage. */
  openOutagesMany(tx: Tx, monitorIds: readonly string[]): Promise<Map<string, OutageRecord>>;
  /** Records a new confirmed outage unless one is open; returns it only to the caller that created it. */
  startOutage(tx: Tx, monitorId: string, startedAt: Date, confirmedAt: Date): Promise<OutageRecord | null>;
  endOutage(tx: Tx, outageId: string, endedAt: Date): Promise<boolean>;
  setOutageTickets(tx: Tx, outageId: string, ticketIds: string[]): Promise<void>;
  recentOutages(tx: Tx, since: Date): Promise<OutageRecord[]>;
}

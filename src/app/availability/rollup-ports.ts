/** What the availability rollup and its readers need from the store (`Store['rollups']`). */
import type { Segment } from '../../domain/availability/timeline.js';
import type { Tx } from '../shared/transaction.js';

export interface RollupCursor {
  monitorId: string;
  location: string;
  /** Segments before this instant are final; null when nothing has been rolled up yet. */
  rolledTo: Date | null;
  intervalSeconds: number;
  failuresToConfirm: number;
}

/** A location's kept newest results (migration 031), oldest first, times in epoch milliseconds. */
export interface KeptResultsRow {
  monitorId: string;
  location: string;
  /** The row holds every result stored for the location (fewer than it keeps at most). */
  complete: boolean;
  results: { at: number; ok: boolean }[];
}

/** Every location's kept newest results as of one statement, by "monitor|location"; `since` is opaque to the app. */
export interface KeptResults {
  since: string;
  rows: ReadonlyMap<string, KeptResultsRow>;
}

export interface RollupStore {
  /** Every (monitor, location) pair, with how far it is rolled up. */
  cursors(tx: Tx): Promise<RollupCursor[]>;
  /** The first stored result of a monitor at a location (at or after `from`, if given). */
  firstResultAt(tx: Tx, monitorId: string, location: string, from?: Date): Promise<Date | null>;
  /** `firstResultAt` (from the start) of many (monitor, location) pairs in one read: the nth answer is the nth pair's. */
  firstResultsAt(tx: Tx, pairs: readonly { monitorId: string; location: string }[]): Promise<(Date | null)[]>;
  /** Results in [from, to) plus `margin` results either side, oldest first. */
  resultsAround(tx: Tx, monitorId: string, location: string, from: Date, to: Date, margin: number): Promise<{ at: Date; ok: boolean }[]>;
  /**
   * `resultsAround` for many (monitor, location) pairs up to one `to`, with each result's time in
   * epoch milliseconds: the answer's nth list belongs to the nth pair. Read from each location's
   * kept newest results where they reach back far enough, from the raw results otherwise.
   */
  resultsAroundMany(tx: Tx, pairs: { monitorId: string; location: string; from: Date; margin: number }[], to: Date): Promise<{ atMs: number; ok: boolean }[][]>;
  /**
   * Every location's kept newest results in one statement (ADR 0022, "Reading only what changed"):
   * given what an earlier call answered, only the rows written since its snapshot travel and are
   * laid over it, and the answer is exactly what reading every row in this statement would give.
   * A row left unchanged is the same object as in `held`. `sent`: how many rows travelled.
   * `reusable` false: not to be handed back (the transaction wrote before it).
   */
  keptResults(tx: Tx, held: KeptResults | null): Promise<{ kept: KeptResults; reusable: boolean; sent: number }>;
  /** Replaces everything from `from` on with `segments` (which cover [from, to)) and moves the cursor to `to`. */
  replaceFrom(tx: Tx, monitorId: string, location: string, from: Date, to: Date, segments: Segment[], at: Date): Promise<void>;
  /** `replaceFrom` for many lines (each (monitor, location) once) in a fixed number of statements, whatever their count. */
  replaceFromMany(tx: Tx, lines: readonly { monitorId: string; location: string; from: Date; to: Date; segments: readonly Segment[] }[], at: Date): Promise<void>;
  /** Moves the cursor back to `to` if it is beyond it (a late result arrived), counting the rewind. */
  rewind(tx: Tx, monitorId: string, location: string, to: Date, at: Date): Promise<void>;
  rolledTo(tx: Tx, monitorId: string): Promise<Map<string, Date>>;
  /** The same for many monitors in one query: monitor id → location → rolled-to instant. */
  rolledToMany(tx: Tx, monitorIds: string[]): Promise<Map<string, Map<string, Date>>>;
  /**
   * `rolledToMany` with how many times each line was moved back: segments before a line change
   * only when it is rewound, so kept figures computed from them hold while the count is the same.
   */
  linesMany(tx: Tx, monitorIds: string[]): Promise<Map<string, Map<string, { rolledTo: Date; rewinds: number }>>>;
  /** Segments of many (monitor, location) pairs overlapping [from, to), in one query: "monitor|location" → segments, oldest first. */
  segmentsMany(tx: Tx, pairs: { monitorId: string; location: string }[], from: Date, to: Date): Promise<Map<string, Segment[]>>;
  /**
   * Keeps each line's latency per UTC hour (ADR 0026): every whole hour in [the hour of `from`, the
   * hour of `to`) computed again from the raw results, the line's later hours dropped. Called with
   * a chunk just rolled up (its line exists); hours before the hour of `rolledTo` are then final.
   */
  rollLatencyHours(tx: Tx, lines: { monitorId: string; location: string; from: Date; to: Date }[]): Promise<void>;
  /** Drops the kept latency hours before `cutoffDate`'s month, with the raw results they came from. */
  dropLatencyHoursBefore(tx: Tx, cutoffDate: string): Promise<void>;
  /** Drops raw-result partitions wholly before `cutoff`; returns how many. */
  dropRawBefore(tx: Tx, cutoffDate: string): Promise<number>;
}

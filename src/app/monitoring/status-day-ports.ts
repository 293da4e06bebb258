/** The status page's kept settled days and last answer (`Store['statusDays']`, ADR 0022 "Kept days"). */
import type { ReportState } from '../../domain/availability/timeline.js';
import type { Tx } from '../shared/transaction.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';

/** One day of a service's status timeline: its milliseconds per state, and the run it ends in. */
export interface DayFigures {
  upMs: number;
  downMs: number;
  maintenanceMs: number;
  unknownMs: number;
  /** The state at the day's end (or at now, today), and where that run began within the day. */
  lastState: ReportState;
  lastStart: number;
}

/**
 * The one order in which every writer writes kept days: two replicas filling the same days (in
 * steps, or in one statement) lock the rows in it, and wait for each other rather than deadlock.
 */
export const inWriteOrder = (a: KeptDay, b: KeptDay): number => (a.serviceId + a.audience + a.day < b.serviceId + b.audience + b.day ? -1 : 1);

export interface KeptDay extends DayFigures {
  serviceId: string;
  /** 'shared' for the shared monitors, else the municipality whose own monitors speak. */
  audience: string;
  /** Riga date, YYYY-MM-DD. */
  day: string;
  fingerprint: string;
  /**
   * A settled part of the day: the figures cover [the day's start, settledTo) — the earliest rollup
   * line of the service's monitors when it was computed (ADR 0022, "Today's settled part"). Null:
   * the whole day.
   */
  settledTo: number | null;
}

/** A rollup line as the status page reads it: how far the location is rolled up, and how often its line was moved back. */
export interface StatusLine {
  monitorId: string;
  location: string;
  rolledTo: number;
  rewinds: number;
}

/**
 * What every status computation reads, as of one statement's snapshot: every monitor (active or
 * not), every rollup line and the kept days from `fromDay` on, by key. `since` is opaque to the
 * app: handed back to `inputs`, it makes the database send only the rows written after it.
 */
export interface StatusInputs {
  since: string;
  fromDay: string;
  /** `StatusPageMonitor` (ports.ts, which imports this file) and whether it is active. */
  monitors: ReadonlyMap<string, Pick<Monitor, 'id' | 'serviceId' | 'tenantId' | 'critical' | 'locations' | 'intervalSeconds' | 'failuresToConfirm' | 'active'>>;
  lines: ReadonlyMap<string, StatusLine>;
  days: ReadonlyMap<string, KeptDay>;
}

export interface StatusDayStore {
  /**
   * The status page's inputs in one statement (ADR 0022, "Reading only what changed"): given the
   * inputs an earlier call answered, only the rows written since its snapshot travel and are laid
   * over them; the answer is exactly what reading every row in this statement would give.
   * `reusable` false: not to be handed back (the transaction wrote before it, so what it saw
   * includes rows that may never commit).
   */
  inputs(tx: Tx, held: StatusInputs | null, fromDay: string): Promise<{ inputs: StatusInputs; reusable: boolean }>;

  /** The kept days of these (service, audience) pairs in [fromDay, toDay]. */
  read(tx: Tx, keys: { serviceId: string; audience: string }[], fromDay: string, toDay: string): Promise<KeptDay[]>;
  /** Writes (or overwrites) the given days. */
  write(tx: Tx, days: KeptDay[], at: Date): Promise<void>;

  /** The last answer kept for this audience, whichever server computed it (ADR 0022, "The answer kept across a restart"). */
  keptAnswer(tx: Tx, audience: string): Promise<KeptAnswer | null>;
  /** Keeps this answer for the audience unless one generated later is kept already (another replica's). */
  keepAnswer(tx: Tx, audience: string, answer: KeptAnswer): Promise<void>;
  /**
   * Gives back the space the answers kept before took, outside any transaction: each keeping
   * leaves the last answer's ~200 KB behind as dead rows, and the embedded database runs no
   * autovacuum to reclaim them (ADR 0022, "2026-12-07, later").
   */
  reclaimKeptAnswers(): Promise<void>;
}

/** A status answer as kept: when it was generated, its schema's digest, and its JSON text. */
export interface KeptAnswer {
  generatedAt: Date;
  shape: string;
  body: string;
}

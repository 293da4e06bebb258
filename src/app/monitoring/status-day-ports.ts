/** The status page's kept settled days (`Store['statusDays']`, ADR 0022 "Kept days"). */
import type { ReportState } from '../../domain/availability/timeline.js';
import type { Tx } from '../shared/transaction.js';

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

export interface StatusDayStore {
  /** The kept days of these (service, audience) pairs in [fromDay, toDay]. */
  read(tx: Tx, keys: { serviceId: string; audience: string }[], fromDay: string, toDay: string): Promise<KeptDay[]>;
  /** Writes (or overwrites) the given days. */
  write(tx: Tx, days: KeptDay[], at: Date): Promise<void>;
}

/** The status page's kept settled days (`Store['statusDays']`, ADR 0022 "Kept days"). */
import type { ReportState } from '../../domain/availability/timeline.js';
import type { Tx } from '../shared/transaction.js';

export interface KeptDay {
  serviceId: string;
  /** 'shared' for the shared monitors, else the municipality whose own monitors speak. */
  audience: string;
  /** Riga date, YYYY-MM-DD. */
  day: string;
  upMs: number;
  downMs: number;
  maintenanceMs: number;
  unknownMs: number;
  lastState: ReportState;
  lastStart: number;
  fingerprint: string;
}

export interface StatusDayStore {
  /** The kept days of these (service, audience) pairs in [fromDay, toDay]. */
  read(tx: Tx, keys: { serviceId: string; audience: string }[], fromDay: string, toDay: string): Promise<KeptDay[]>;
  /** Writes (or overwrites) the given days. */
  write(tx: Tx, days: KeptDay[], at: Date): Promise<void>;
}

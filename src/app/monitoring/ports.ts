/** What monitors, probe results and maintenance windows need from the store. */
import type { Monitor, MonitorFields } from '../../domain/monitoring/monitor.js';
import type { AuditStore } from '../audit/ports.js';
import type { RollupStore } from '../availability/rollup-ports.js';
import type { ServiceStore, SubscriptionStore } from '../catalogue/ports.js';
import type { OpenTicketDeps } from '../desk/ports.js';
import type { UserStore } from '../identity/ports.js';
import type { Clock, JobStore, NotificationSettings, OutboxStore } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { IncidentStore } from './status-ports.js';
import type { StatusDayStore } from './status-day-ports.js';
import type { WatchStore } from './watch-ports.js';
import type { StatusSubscriberStore } from '../status-subscriptions/ports.js';

export interface MaintenanceWindowRecord {
  id: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  /**
   * When the municipalities were told: the first moment the outbox delivered a notice announcing the
   * window, or the earlier time an operator declared; null while no notice has been sent.
   */
  announcedAt: string | null;
  /**
   * `sent` (Kopa's notice delivered at `announcedAt`), `declared` (announced by other means, by
   * `declaredBy`), `pending` (a notice is recorded, none delivered yet) or `no_recipients` (nobody
   * was subscribed or reachable, so nothing announces it). Only `sent` and `declared` are announced.
   */
  announcementStatus: AnnouncementStatus;
  serviceIds: string[];
  createdAt: string;
  createdBy: string | null;
  /** The recurring series the window is an occurrence of. */
  seriesId: string | null;
  status: 'scheduled' | 'cancelled';
  cancelledAt: string | null;
  cancelReason: string | null;
  /** Counts changes; the calendar event's SEQUENCE. */
  sequence: number;
  /** Who recorded an announcement made outside Kopa (an explicit earlier `announcedAt`); null when Kopa announced it. */
  declaredBy: string | null;
  updatedAt: string | null;
}

export type AnnouncementStatus = 'sent' | 'declared' | 'pending' | 'no_recipients';

/** `createdAt` by the app's clock, as every instant the rules compare: the reminder skips a window planned within its 24 hours by it. */
export type NewMaintenanceWindow = Pick<MaintenanceWindowRecord, 'title' | 'description' | 'startsAt' | 'endsAt' | 'announcedAt' | 'serviceIds' | 'createdAt' | 'createdBy' | 'seriesId' | 'declaredBy'>;

export interface MaintenanceSeriesRecord {
  id: string;
  rule: string;
  zone: string;
  firstStartsAt: string;
  firstEndsAt: string;
  /** Occurrences starting up to here exist as windows. */
  materialisedUntil: string;
  createdAt: string;
  createdBy: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** How many times the whole series was changed (PATCH with scope series). */
  changes: number;
}

export interface ProbeRow {
  at: Date;
  ok: boolean;
  latencyMs: number | null;
  location: string;
  error: string | null;
}

export interface MonitorStore {
  insert(tx: Tx, fields: MonitorFields): Promise<Monitor>;
  get(tx: Tx, monitorId: string): Promise<Monitor | null>;
  /** The monitors of those ids that exist, in one read (any order). */
  getMany(tx: Tx, monitorIds: readonly string[]): Promise<Monitor[]>;
  /**
   * By name and id; `search` matches the name or target; `critical` and `active` keep only those with
   * that flag (the outage watch reads the active critical ones each minute, not every monitor); with
   * `page`, at most `limit` after the key.
   */
  list(
    tx: Tx,
    filter: { serviceId?: string | undefined; location?: string | undefined; search?: string | undefined; critical?: boolean | undefined; active?: boolean | undefined },
    page?: { after: { name: string; id: string } | null; limit: number },
  ): Promise<Monitor[]>;
  update(tx: Tx, monitorId: string, changes: Partial<Pick<Monitor, 'name' | 'target' | 'config' | 'timeoutMs' | 'critical' | 'locations' | 'active'>>): Promise<Monitor>;
  /**
   * The active monitors, by name and id as `list`, with only what the page's timelines need: the status
   * page reads all of them on every computation, and the rest of each row is most of its bytes.
   */
  listActiveForStatus(tx: Tx): Promise<StatusPageMonitor[]>;
  /** Every monitor the scope sees, only what its state needs (the monitors list's counts), in no order. */
  listForStates(tx: Tx): Promise<MonitorForState[]>;
}

/** What the state now of a monitor is worked out from. */
export type MonitorForState = Pick<Monitor, 'id' | 'active' | 'locations' | 'intervalSeconds' | 'failuresToConfirm'>;

/** What the status page reads of a monitor: whom it speaks for and how its results are judged. */
export type StatusPageMonitor = Pick<Monitor, 'id' | 'serviceId' | 'tenantId' | 'critical' | 'locations' | 'intervalSeconds' | 'failuresToConfirm'>;

export interface ProbeResultStore {
  /** Creates the monthly partitions the instants fall in (idempotent). */
  ensurePartitions(tx: Tx, instants: Date[]): Promise<void>;
  /**
   * Inserts, skipping rows already stored; returns how many were new. Each location's kept newest
   * results (`latestKept`) take in the new rows in the same statement.
   */
  insert(tx: Tx, monitorId: string, rows: ProbeRow[]): Promise<number>;
  /** The same for many monitors, in one statement. */
  insertMany(tx: Tx, batches: readonly { monitorId: string; rows: readonly ProbeRow[] }[]): Promise<number>;
  range(tx: Tx, monitorId: string, from: Date, to: Date): Promise<{ at: Date; ok: boolean; location: string }[]>;
  /**
   * The newest `perLocation` (at most LATEST_RESULTS_KEPT) stored results of every location that
   * ever reported for the given monitors, kept as results arrive: one read whatever their number;
   * times in epoch milliseconds.
   */
  latestKept(tx: Tx, monitorIds: readonly string[], perLocation: number): Promise<{ monitorId: string; location: string; atMs: number; ok: boolean; latencyMs: number | null }[]>;
  /** The same kept results, one entry per monitor and location, newest first: `atsMs[i]` and `oks[i]` are one result. */
  keptTips(tx: Tx, monitorIds: readonly string[], perLocation: number): Promise<{ monitorId: string; location: string; atsMs: number[]; oks: boolean[] }[]>;
}

export interface MaintenanceStore {
  insert(tx: Tx, window: NewMaintenanceWindow): Promise<MaintenanceWindowRecord>;
  /** Windows overlapping [from, to); cancelled ones only when asked for (they count as maintenance nowhere). */
  overlapping(tx: Tx, from: Date, to: Date, serviceId?: string, options?: { includeCancelled?: boolean }): Promise<MaintenanceWindowRecord[]>;
  get(tx: Tx, id: string): Promise<MaintenanceWindowRecord | null>;
  /** Locks the row (FOR UPDATE): a change and a cancel of the same window wait for each other. */
  getForUpdate(tx: Tx, id: string): Promise<MaintenanceWindowRecord | null>;
  update(tx: Tx, id: string, changes: Pick<MaintenanceWindowRecord, 'title' | 'description' | 'startsAt' | 'endsAt' | 'serviceIds' | 'sequence' | 'updatedAt'>): Promise<MaintenanceWindowRecord>;
  cancel(tx: Tx, id: string, at: string, reason: string): Promise<MaintenanceWindowRecord>;
  /** A series' windows by start. */
  inSeries(tx: Tx, seriesId: string): Promise<MaintenanceWindowRecord[]>;
  /** Scheduled windows starting in [from, to), and ending in [from, to): the reminder's and the completed notice's. */
  startingBetween(tx: Tx, from: Date, to: Date): Promise<MaintenanceWindowRecord[]>;
  endingBetween(tx: Tx, from: Date, to: Date): Promise<MaintenanceWindowRecord[]>;
  insertSeries(tx: Tx, series: Omit<MaintenanceSeriesRecord, 'id' | 'cancelledAt' | 'cancelReason' | 'changes'>): Promise<MaintenanceSeriesRecord>;
  getSeriesForUpdate(tx: Tx, id: string): Promise<MaintenanceSeriesRecord | null>;
  /** Series not cancelled whose windows reach no further than `before`. */
  seriesToExtend(tx: Tx, before: Date): Promise<MaintenanceSeriesRecord[]>;
  setMaterialised(tx: Tx, id: string, until: string): Promise<void>;
  cancelSeries(tx: Tx, id: string, at: string, reason: string): Promise<void>;
  /** A change to the whole series: its first occurrence's shape (later occurrences follow it) and one more change counted; returns the count. */
  changeSeries(tx: Tx, id: string, first: { startsAt: string; endsAt: string }): Promise<number>;
  /** Remembers that the recorded notice `eventKey` announces these windows (idempotent). */
  linkAnnouncement(tx: Tx, windowIds: readonly string[], eventKey: string): Promise<void>;
  /**
   * The notice `eventKey` was delivered at `at`: the windows it announces, unless declared, are
   * announced at the earliest such delivery. Returns how many windows it concerned.
   */
  markAnnounced(tx: Tx, eventKey: string, at: Date): Promise<number>;
}

/**
 * What the monitoring use cases need: monitors, their results, rollups (late results rewind
 * them), maintenance, incidents, the watch; a confirmed outage opens tickets and mails people.
 */
export interface MonitoringDeps {
  store: OpenTicketDeps['store'] & {
    monitors: MonitorStore;
    probeResults: ProbeResultStore;
    maintenance: MaintenanceStore;
    incidents: IncidentStore;
    watch: WatchStore;
    rollups: RollupStore;
    statusDays: StatusDayStore;
    services: ServiceStore;
    subscriptions: SubscriptionStore;
    users: UserStore;
    jobs: JobStore;
    audit: AuditStore;
    outbox: OutboxStore;
    statusSubscribers: StatusSubscriberStore;
  };
  clock: Clock;
  notifications?: NotificationSettings;
}

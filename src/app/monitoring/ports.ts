/** What monitors, probe results and maintenance windows need from the store. */
import type { Monitor, MonitorFields } from '../../domain/monitoring/monitor.js';
import type { Tx } from '../shared/transaction.js';

export interface MaintenanceWindowRecord {
  id: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  announcedAt: string;
  serviceIds: string[];
  createdAt: string;
  createdBy: string | null;
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
  /** By name and id; `search` matches the name or target; with `page`, at most `limit` after the key. */
  list(
    tx: Tx,
    filter: { serviceId?: string | undefined; location?: string | undefined; search?: string | undefined },
    page?: { after: { name: string; id: string } | null; limit: number },
  ): Promise<Monitor[]>;
  update(tx: Tx, monitorId: string, changes: Partial<Pick<Monitor, 'name' | 'target' | 'config' | 'timeoutMs' | 'critical' | 'locations' | 'active'>>): Promise<Monitor>;
}

export interface ProbeResultStore {
  /** Creates the monthly partitions the instants fall in (idempotent). */
  ensurePartitions(tx: Tx, instants: Date[]): Promise<void>;
  /** Inserts, skipping rows already stored; returns how many were new. */
  insert(tx: Tx, monitorId: string, rows: ProbeRow[]): Promise<number>;
  range(tx: Tx, monitorId: string, from: Date, to: Date): Promise<{ at: Date; ok: boolean; location: string }[]>;
}

export interface MaintenanceStore {
  insert(tx: Tx, window: Omit<MaintenanceWindowRecord, 'id' | 'createdAt'>): Promise<MaintenanceWindowRecord>;
  overlapping(tx: Tx, from: Date, to: Date, serviceId?: string): Promise<MaintenanceWindowRecord[]>;
}

import { KopaError, fieldError, validationError } from '../../domain/errors.js';
import type { Tx } from '../shared/transaction.js';
import type { MaintenanceWindowRecord, MonitoringDeps } from './ports.js';

export interface MaintenanceChanges {
  /** `series`: every occurrence of the window's series not yet ended (change-maintenance-series.ts). */
  scope?: 'occurrence' | 'series' | undefined;
  /** Never accepted: a series' rule is not changed (cancel the series and schedule a new one). */
  recurrence?: unknown;
  title?: string | undefined;
  description?: string | null | undefined;
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  serviceIds?: string[] | undefined;
}

/** How far ahead a recurring series' occurrences exist as windows; the maintenance job keeps it so. */
export const SERIES_HORIZON_MS = 365 * 86_400_000;

export function checkTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt <= startsAt) throw validationError('endsAt', 'must_be_after', 'must be after startsAt', { other: 'startsAt' });
}

export async function checkServices(deps: MonitoringDeps, tx: Tx, serviceIds: readonly string[]): Promise<void> {
  if (new Set(serviceIds).size !== serviceIds.length || serviceIds.length === 0) throw validationError('serviceIds', 'duplicate', 'must list each service once');
  for (const [i, id] of serviceIds.entries()) {
    if (!(await deps.store.services.get(tx, id))) throw new KopaError('validation', `serviceIds[${i}]: no such service`, [fieldError(`serviceIds[${i}]`, 'unknown_service', 'is not a service in the catalogue')]);
  }
}

/** The window as it stands once its notices are recorded (its announcement may now be pending), services in the caller's order. */
export async function withAnnouncement(deps: MonitoringDeps, tx: Tx, window: MaintenanceWindowRecord): Promise<MaintenanceWindowRecord> {
  const fresh = await deps.store.maintenance.get(tx, window.id);
  return fresh ? { ...fresh, serviceIds: window.serviceIds } : window;
}

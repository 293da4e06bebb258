import { KopaError, fieldError, validationError } from '../../domain/errors.js';
import type { Tx } from '../shared/transaction.js';
import type { MonitoringDeps } from './ports.js';

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

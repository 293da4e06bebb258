import { agreementForMonth } from '../../domain/agreement.js';
import { DEFAULT_ZONE } from '../../domain/calendar/local-time.js';
import type { CalendarStore } from '../calendars/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { AgreementStore } from './ports.js';

/**
 * The zone a municipality's month is counted in: that of the calendar named by its agreement in
 * force that month. Without an agreement (or with a calendar since removed) it is Kopa's home zone,
 * the zone of the default calendar.
 */
export async function tenantZone(store: { agreements: Pick<AgreementStore, 'listCurrent'>; calendars: Pick<CalendarStore, 'get'> }, tx: Tx, tenantId: string, month: string): Promise<string> {
  const agreement = agreementForMonth(await store.agreements.listCurrent(tx, tenantId), month);
  if (!agreement) return DEFAULT_ZONE;
  return (await store.calendars.get(tx, agreement.calendarId))?.timeZone ?? DEFAULT_ZONE;
}

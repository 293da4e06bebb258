import type { Store } from '../../app/ports.js';
import { trxOf } from '../store.js';

export const calendarRepository: Store['calendars'] = {
  async exists(tx, calendarId) {
    return (await trxOf(tx).selectFrom('calendars').select('id').where('id', '=', calendarId).executeTakeFirst()) !== undefined;
  },
  async list(tx) {
    const rows = await trxOf(tx).selectFrom('calendars').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, timeZone: r.time_zone }));
  },
};

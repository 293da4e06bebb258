import { inWriteOrder, type KeptDay, type StatusDayStore } from '../../app/monitoring/status-day-ports.js';
import type { ReportState } from '../../domain/availability/timeline.js';
import { sql } from 'kysely';
import { trxOf } from '../tx.js';
import { statusInputs } from './status-inputs.js';

export const statusDayRepository: Omit<StatusDayStore, 'reclaimKeptAnswers'> = {
  inputs: statusInputs,

  async read(tx, keys, fromDay, toDay) {
    if (keys.length === 0) return [];
    const wanted = new Set(keys.map((k) => `${k.serviceId}|${k.audience}`));
    // The columns the page uses, times as epoch milliseconds: 90 days of every service are read on each computation.
    const rows = await trxOf(tx)
      .selectFrom('status_days')
      .select(['service_id', 'audience', 'day', 'up_ms', 'down_ms', 'maintenance_ms', 'unknown_ms', 'last_state', 'fingerprint'])
      .select(sql<number>`(extract(epoch FROM last_start) * 1000)::float8`.as('last_start_ms'))
      .select(sql<number | null>`(extract(epoch FROM settled_to) * 1000)::float8`.as('settled_to_ms'))
      .where('service_id', 'in', [...new Set(keys.map((k) => k.serviceId))])
      .where('audience', 'in', [...new Set(keys.map((k) => k.audience))])
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .execute();
    return rows
      .filter((r) => wanted.has(`${r.service_id}|${r.audience}`))
      .map(
        (r): KeptDay => ({
          serviceId: r.service_id,
          audience: r.audience,
          day: r.day,
          upMs: r.up_ms,
          downMs: r.down_ms,
          maintenanceMs: r.maintenance_ms,
          unknownMs: r.unknown_ms,
          lastState: r.last_state as ReportState,
          lastStart: Number(r.last_start_ms),
          fingerprint: r.fingerprint,
          settledTo: r.settled_to_ms === null ? null : Number(r.settled_to_ms),
        }),
      );
  },

  async write(tx, days, at) {
    if (days.length === 0) return;
    const sorted = [...days].sort(inWriteOrder);
    await trxOf(tx)
      .insertInto('status_days')
      .values(
        sorted.map((d) => ({
          service_id: d.serviceId,
          audience: d.audience,
          day: d.day,
          up_ms: d.upMs,
          down_ms: d.downMs,
          maintenance_ms: d.maintenanceMs,
          unknown_ms: d.unknownMs,
          last_state: d.lastState,
          last_start: new Date(d.lastStart),
          fingerprint: d.fingerprint,
          settled_to: d.settledTo === null ? null : new Date(d.settledTo),
          computed_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['service_id', 'audience', 'day']).doUpdateSet((eb) => ({
          up_ms: eb.ref('excluded.up_ms'),
          down_ms: eb.ref('excluded.down_ms'),
          maintenance_ms: eb.ref('excluded.maintenance_ms'),
          unknown_ms: eb.ref('excluded.unknown_ms'),
          last_state: eb.ref('excluded.last_state'),
          last_start: eb.ref('excluded.last_start'),
          fingerprint: eb.ref('excluded.fingerprint'),
          settled_to: eb.ref('excluded.settled_to'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  },

  async keptAnswer(tx, audience) {
    const row = await trxOf(tx).selectFrom('status_answers').select(['generated_at', 'shape', 'body']).where('audience', '=', audience).executeTakeFirst();
    return row ? { generatedAt: row.generated_at, shape: row.shape, body: row.body } : null;
  },

  async keepAnswer(tx, audience, answer) {
    await trxOf(tx)
      .insertInto('status_answers')
      .values({ audience, generated_at: answer.generatedAt, shape: answer.shape, body: answer.body })
      .onConflict((oc) =>
        oc
          .column('audience')
          .doUpdateSet((eb) => ({ generated_at: eb.ref('excluded.generated_at'), shape: eb.ref('excluded.shape'), body: eb.ref('excluded.body') }))
          // Two replicas keep their answers in either order: the later answer stays.
          .where('status_answers.generated_at', '<', (eb) => eb.ref('excluded.generated_at')),
      )
      .execute();
  },
};

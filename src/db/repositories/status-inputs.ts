import { sql } from 'kysely';
import type { StatusPageMonitor } from '../../app/monitoring/ports.js';
import type { KeptDay, StatusInputs, StatusLine } from '../../app/monitoring/status-day-ports.js';
import type { ReportState } from '../../domain/availability/timeline.js';
import type { Tx } from '../../app/shared/transaction.js';
import { trxOf } from '../tx.js';
import { laidOver, NOTHING_SEEN } from './written-since.js';

type MonitorRow = [string, string, string | null, boolean, string[], number, number, boolean];
type LineRow = [string, string, number, number];
type DayRow = [string, string, string, number, number, number, number, string, number, string, number | null];

interface Answer {
  snapshot: string;
  clean: boolean;
  monitor_count: number;
  monitors: MonitorRow[] | null;
  line_count: number;
  lines: LineRow[] | null;
  day_count: number;
  days: DayRow[] | null;
}

/**
 * One statement, one snapshot: the rows of the monitors, the rollup lines and the kept days from
 * `fromDay` written since `since` (migration 040), and how many rows each has now. Times as epoch
 * milliseconds, by the same expressions as linesMany and statusDays.read.
 */
async function changedSince(tx: Tx, since: string, fromDay: string): Promise<Answer> {
  const rows = await sql<Answer>`
    SELECT pg_current_snapshot()::text AS snapshot, pg_current_xact_id_if_assigned() IS NULL AS clean,
      (SELECT count(*)::int FROM monitors) AS monitor_count,
      (SELECT json_agg(json_build_array(id, service_id, tenant_id, critical, locations, interval_seconds, failures_to_confirm, active))
         FROM monitors WHERE kopa_written_since(xmin, ${since}::pg_snapshot)) AS monitors,
      (SELECT count(*)::int FROM monitor_rollups) AS line_count,
      (SELECT json_agg(json_build_array(monitor_id, location, floor(extract(epoch FROM rolled_to) * 1000), rewinds))
         FROM monitor_rollups WHERE kopa_written_since(xmin, ${since}::pg_snapshot)) AS lines,
      (SELECT count(*)::int FROM status_days WHERE day >= ${fromDay}::date) AS day_count,
      (SELECT json_agg(json_build_array(service_id, audience, day, up_ms, down_ms, maintenance_ms, unknown_ms, last_state,
                                        (extract(epoch FROM last_start) * 1000)::float8, fingerprint, (extract(epoch FROM settled_to) * 1000)::float8))
         FROM status_days WHERE day >= ${fromDay}::date AND kopa_written_since(xmin, ${since}::pg_snapshot)) AS days`.execute(trxOf(tx));
  return rows.rows[0]!;
}

const monitorOf = (r: MonitorRow): StatusPageMonitor & { active: boolean } => ({ id: r[0], serviceId: r[1], tenantId: r[2], critical: r[3], locations: r[4], intervalSeconds: r[5], failuresToConfirm: r[6], active: r[7] });
const lineOf = (r: LineRow): StatusLine => ({ monitorId: r[0], location: r[1], rolledTo: Number(r[2]), rewinds: r[3] });
const dayOf = (r: DayRow): KeptDay => ({
  serviceId: r[0],
  audience: r[1],
  day: r[2],
  upMs: r[3],
  downMs: r[4],
  maintenanceMs: r[5],
  unknownMs: r[6],
  lastState: r[7] as ReportState,
  lastStart: Number(r[8]),
  fingerprint: r[9],
  settledTo: r[10] === null ? null : Number(r[10]),
});

/**
 * `StatusDayStore.inputs`. Rows written since the held snapshot replace the held ones by key; a row
 * deleted since is the one thing not sent, so each table's count decides: if the rows laid over
 * are more than the table holds now, something was deleted, and everything is read again.
 */
export async function statusInputs(tx: Tx, given: StatusInputs | null, fromDay: string): Promise<{ inputs: StatusInputs; reusable: boolean }> {
  // Held days from a later first day lack the days before it (a clock set back): read them all.
  const held = given && given.fromDay <= fromDay ? given : null;
  const answer = await changedSince(tx, held?.since ?? NOTHING_SEEN, fromDay);
  const inputs: StatusInputs = {
    since: answer.snapshot,
    fromDay,
    monitors: laidOver(held?.monitors, (answer.monitors ?? []).map(monitorOf), (m) => m.id),
    lines: laidOver(held?.lines, (answer.lines ?? []).map(lineOf), (l) => `${l.monitorId}|${l.location}`),
    days: laidOver(held?.days, (answer.days ?? []).map(dayOf), (d) => `${d.serviceId}|${d.audience}|${d.day}`, held && held.fromDay < fromDay ? (d) => d.day >= fromDay : undefined),
  };
  if (held && (inputs.monitors.size !== answer.monitor_count || inputs.lines.size !== answer.line_count || inputs.days.size !== answer.day_count)) return statusInputs(tx, null, fromDay);
  return { inputs, reusable: answer.clean };
}

import type { MonitoringDeps, StatusPageMonitor } from './ports.js';
import type { KeptDay, StatusInputs } from './status-day-ports.js';
import type { Tx } from '../shared/transaction.js';

/**
 * The status page's inputs this process read last, per store (one database): each replica keeps
 * its own, a restarted process starts empty. They are never used as they are: each computation
 * hands them to `statusDays.inputs`, which lays the rows written since over them in the same
 * statement that would otherwise read every row (ADR 0022, "Reading only what changed").
 */
const heldByStore = new WeakMap<object, StatusInputs>();

type Lines = Map<string, Map<string, { rolledTo: Date; rewinds: number }>>;

/**
 * What each held table was turned into, by the table's map. `laidOver` hands back the very map it
 * was given when no row of it was written since, and never changes a map once made, so a map seen
 * before stands for the same rows: its monitors, lines or days are not rebuilt. Rebuilding them
 * (2,000 monitors, 6,000 lines and their dates, 1,800 days) on every computation was garbage the
 * collector paid for after each idle spell (ADR 0022, "2026-12-06, night"). The callers only read them.
 */
const monitorsOf = new WeakMap<object, StatusPageMonitor[]>();
const linesOf = new WeakMap<object, Lines>();
const daysOf = new WeakMap<object, ReadonlyMap<string, KeptDay>>();

/** How `currentInputs` files the kept days: `keptDays.get(keptDayKey(…))`. */
export const keptDayKey = (serviceId: string, audience: string, day: string) => `${serviceId}|${audience}|${day}`;

function derived<T>(cache: WeakMap<object, T>, table: object, make: () => T): T {
  let value = cache.get(table);
  if (value === undefined) cache.set(table, (value = make()));
  return value;
}

/**
 * What `listActiveForStatus`, `linesMany` (of every monitor) and `statusDays.read` (of every
 * service and audience, days from `fromDay` on, by `keptDayKey`) would answer, as of one statement. The answers are
 * shared between computations while their rows are unchanged: read them, never change them.
 */
export async function currentInputs(deps: { store: Pick<MonitoringDeps['store'], 'statusDays'> }, tx: Tx, fromDay: string): Promise<{ monitors: readonly StatusPageMonitor[]; lines: Lines; keptDays: ReadonlyMap<string, KeptDay> }> {
  const { inputs, reusable } = await deps.store.statusDays.inputs(tx, heldByStore.get(deps.store) ?? null, fromDay);
  if (reusable) heldByStore.set(deps.store, inputs);
  // By id: no answer depends on the monitors' order (their states combine by counts and "any"; the fingerprints sort them).
  const monitors = derived(monitorsOf, inputs.monitors, () =>
    [...inputs.monitors.values()].filter((m) => m.active).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(({ active: _active, ...m }) => m),
  );
  const lines = derived(linesOf, inputs.lines, () => {
    const out: Lines = new Map();
    for (const l of inputs.lines.values()) out.set(l.monitorId, (out.get(l.monitorId) ?? new Map()).set(l.location, { rolledTo: new Date(l.rolledTo), rewinds: l.rewinds }));
    return out;
  });
  const keptDays = derived(daysOf, inputs.days, () => new Map([...inputs.days.values()].map((row) => [keptDayKey(row.serviceId, row.audience, row.day), row])));
  return { monitors, lines, keptDays };
}

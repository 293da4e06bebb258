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
 * What `listActiveForStatus`, `linesMany` (of every monitor) and `statusDays.read` (of every
 * service and audience, days from `fromDay` on) would answer, as of one statement.
 */
export async function currentInputs(deps: { store: Pick<MonitoringDeps['store'], 'statusDays'> }, tx: Tx, fromDay: string): Promise<{ monitors: StatusPageMonitor[]; lines: Lines; keptDays: KeptDay[] }> {
  const { inputs, reusable } = await deps.store.statusDays.inputs(tx, heldByStore.get(deps.store) ?? null, fromDay);
  if (reusable) heldByStore.set(deps.store, inputs);
  // By id: no answer depends on the monitors' order (their states combine by counts and "any"; the fingerprints sort them).
  const monitors = [...inputs.monitors.values()].filter((m) => m.active).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(({ active: _active, ...m }) => m);
  const lines: Lines = new Map();
  for (const l of inputs.lines.values()) lines.set(l.monitorId, (lines.get(l.monitorId) ?? new Map()).set(l.location, { rolledTo: new Date(l.rolledTo), rewinds: l.rewinds }));
  return { monitors, lines, keptDays: [...inputs.days.values()] };
}

import { locationTimeline } from '../../domain/availability/timeline.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { RollupDeps } from './ports.js';
import type { RollupCursor } from './rollup-ports.js';
import type { Tx } from '../shared/transaction.js';
import { SYSTEM } from '../shared/transaction.js';

const CHUNK_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * How long after a result its state is settled: a failure run needs `failuresToConfirm` results
 * and coverage needs the next one. Twice that, so results arriving on time never rewind the rollup.
 */
export const settleMs = (intervalSeconds: number, failuresToConfirm: number) => 2 * (failuresToConfirm + 3) * intervalSeconds * 1000;

/**
 * The background job's step: a line is extended only once this much has settled past it, so a
 * monitor checked every minute costs one rollup transaction every five minutes, not one a minute.
 * Readers lose nothing: past a line they compute from the raw results (a few more of them).
 */
export const ROLLUP_STEP_MS = 5 * 60_000;

/**
 * Lines that keep up are written together, this many to a transaction: each transaction is a fixed
 * handful of statements, and its reads and writes grow with its lines, so this bounds one's size.
 */
export const LINES_PER_TRANSACTION = 1_000;

/**
 * Extends every monitor's rolled-up segments up to its settled frontier, a day per transaction.
 * With `minStepMs`, a line less than that behind its frontier waits for a later run.
 * Lines within a day of their frontier (every line that keeps up) are extended together, up to
 * `LINES_PER_TRANSACTION` to a transaction and a fixed number of statements each; a line further
 * behind (a first start over old results, a rewind, a long stop) catches up a day at a time in
 * transactions of its own. `maxChunks` bounds a run's transactions, so its length: the lines that
 * keep up go first (1,000 of them cost what one day of a line behind does), then those behind;
 * `pending` counts the lines left for a later run.
 * Safe to run on several replicas at once: each chunk rewrites the same rows with the same content.
 */
export async function rollUpAvailability(deps: RollupDeps, options: { maxChunks?: number; minStepMs?: number } = {}): Promise<{ chunks: number; pending: number }> {
  const now = deps.clock.now().getTime();
  const cursors = await deps.store.run(SYSTEM, (tx) => deps.store.rollups.cursors(tx));
  // Where lines not yet started begin: one read for all of them, not a transaction each.
  const unstarted = cursors.filter((c) => c.rolledTo === null);
  const firsts = unstarted.length === 0 ? [] : await deps.store.run(SYSTEM, (tx) => deps.store.rollups.firstResultsAt(tx, unstarted));
  const firstOf = new Map(unstarted.map((c, i) => [c, firsts[i] ?? null]));
  const budget = options.maxChunks ?? 500;
  const minStep = options.minStepMs ?? 0;
  const keepingUp: Chunk[] = [];
  const behind: Chunk[] = [];
  const seen = new Set<string>();
  for (const cursor of cursors) {
    const frontier = now - settleMs(cursor.intervalSeconds, cursor.failuresToConfirm);
    const start = cursor.rolledTo?.getTime() ?? firstOf.get(cursor)?.getTime() ?? null;
    if (start === null || start >= frontier || frontier - start < minStep) continue;
    // A location listed twice on a monitor is one line.
    const key = `${cursor.monitorId}|${cursor.location}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (frontier - start <= CHUNK_MS ? keepingUp : behind).push({ cursor, from: start, end: frontier });
  }
  let transactions = 0;
  let chunks = 0;
  let pending = 0;
  for (let i = 0; i < keepingUp.length; i += LINES_PER_TRANSACTION) {
    const group = keepingUp.slice(i, i + LINES_PER_TRANSACTION);
    if (transactions >= budget) {
      pending += group.length;
      continue;
    }
    await deps.store.run(SYSTEM, (tx) => rollChunks(deps, tx, group));
    transactions++;
    chunks += group.length;
  }
  for (const { cursor, from: first, end: frontier } of behind) {
    let start = first;
    while (start < frontier) {
      if (transactions >= budget) {
        pending++;
        break;
      }
      const from = start;
      const end = await deps.store.run(SYSTEM, async (tx) => {
        // A silent stretch (a paused agent, a removed location) is rolled up in one step, not a day at a time.
        const next = (await deps.store.rollups.firstResultAt(tx, cursor.monitorId, cursor.location, new Date(from)))?.getTime() ?? Infinity;
        const end = Math.min(Math.max(from + CHUNK_MS, next), frontier);
        await rollChunks(deps, tx, [{ cursor, from, end }]);
        return end;
      });
      transactions++;
      chunks++;
      start = end;
    }
  }
  return { chunks, pending };
}

/** One chunk of a line: its segments over [from, end) are computed again and the line moves to `end`. */
interface Chunk {
  cursor: RollupCursor;
  from: number;
  end: number;
}

/** Writes chunks of distinct lines, each at most a day long, with a fixed number of statements however many there are. */
async function rollChunks(deps: RollupDeps, tx: Tx, chunks: readonly Chunk[]): Promise<void> {
  // The results each chunk needs, read together for chunks ending at the same instant (lines with one interval and confirmation).
  const results = new Map<Chunk, { atMs: number; ok: boolean }[]>();
  const byEnd = new Map<number, Chunk[]>();
  for (const c of chunks) byEnd.set(c.end, [...(byEnd.get(c.end) ?? []), c]);
  for (const [end, group] of byEnd) {
    const read = await deps.store.rollups.resultsAroundMany(tx, group.map((c) => ({ monitorId: c.cursor.monitorId, location: c.cursor.location, from: new Date(c.from), margin: c.cursor.failuresToConfirm + 1 })), new Date(end));
    group.forEach((c, i) => results.set(c, read[i]!));
  }
  const lines = chunks.map((c) => {
    const segments = locationTimeline(results.get(c)!.map((r) => ({ at: r.atMs, ok: r.ok })), c.cursor.intervalSeconds * 1000, c.cursor.failuresToConfirm, c.from, c.end);
    return { monitorId: c.cursor.monitorId, location: c.cursor.location, from: new Date(c.from), to: new Date(c.end), segments };
  });
  await deps.store.rollups.replaceFromMany(tx, lines, deps.clock.now());
  // The chunks' whole hours are final now: the sparklines read them kept (ADR 0026). A chunk
  // within one hour completes none, so most of a run's five-minute chunks cost nothing here.
  const hours = lines.filter((l) => Math.floor(l.from.getTime() / HOUR_MS) < Math.floor(l.to.getTime() / HOUR_MS));
  if (hours.length > 0) await deps.store.rollups.rollLatencyHours(tx, hours.map((l) => ({ monitorId: l.monitorId, location: l.location, from: l.from, to: l.to })));
}

/**
 * Late results (an agent replaying its buffer) can change settled segments: the coverage of the
 * result before them and whether earlier failures formed a confirmed run. The rollup is moved
 * back to before the earliest result they can affect, and recomputes from there on its next run.
 */
export async function rewindForLateResults(deps: RollupDeps, tx: Tx, monitor: Pick<Monitor, 'id' | 'intervalSeconds' | 'failuresToConfirm'>, rows: { at: Date; location: string }[]): Promise<void> {
  await rewindForLateResultsMany(deps, tx, [{ monitor, rows }]);
}

/**
 * The same for a batch of many monitors: their rollup lines are read in one statement; only a
 * location whose results reach behind its line (rare: results on time never do) costs more.
 */
export async function rewindForLateResultsMany(deps: RollupDeps, tx: Tx, batches: readonly { monitor: Pick<Monitor, 'id' | 'intervalSeconds' | 'failuresToConfirm'>; rows: readonly { at: Date; location: string }[] }[]): Promise<void> {
  if (batches.length === 0) return;
  const lines = await deps.store.rollups.rolledToMany(tx, [...new Set(batches.map((b) => b.monitor.id))]);
  for (const { monitor, rows } of batches) {
    const rolled = lines.get(monitor.id);
    if (!rolled) continue;
    const earliest = new Map<string, number>();
    for (const r of rows) earliest.set(r.location, Math.min(earliest.get(r.location) ?? Infinity, r.at.getTime()));
    for (const [location, at] of earliest) {
      const cursor = rolled.get(location)?.getTime();
      if (cursor === undefined || at - settleMs(monitor.intervalSeconds, monitor.failuresToConfirm) / 2 >= cursor) continue;
      const before = await deps.store.rollups.resultsAround(tx, monitor.id, location, new Date(at), new Date(at), monitor.failuresToConfirm);
      const firstAffected = Math.min(at - 3 * monitor.intervalSeconds * 1000, before[0]?.at.getTime() ?? at);
      await deps.store.rollups.rewind(tx, monitor.id, location, new Date(firstAffected), deps.clock.now());
    }
  }
}

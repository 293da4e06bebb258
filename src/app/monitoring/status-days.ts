import { createHash } from 'node:crypto';
import type { ReportState, Segment } from '../../domain/availability/timeline.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { DayFigures, KeptDay } from './status-day-ports.js';

export interface Day {
  date: string;
  start: number;
  end: number;
}

/** The figures of [day.start, min(day.end, now)) of a timeline that covers it without gaps. */
export function figuresOf(timeline: Segment<ReportState>[], day: Day, now: number): DayFigures {
  const end = Math.min(day.end, now);
  const ms = { up: 0, down: 0, maintenance: 0, unknown: 0 };
  let last: Segment<ReportState> | undefined;
  for (const s of timeline) {
    const start = Math.max(s.start, day.start);
    const stop = Math.min(s.end, end);
    if (stop <= start) continue;
    ms[s.state] += stop - start;
    last = { start, end: stop, state: s.state };
  }
  return { upMs: ms.up, downMs: ms.down, maintenanceMs: ms.maintenance, unknownMs: ms.unknown, lastState: last?.state ?? 'unknown', lastStart: last?.start ?? day.start };
}

/**
 * The instant before which every location of every monitor is rolled up (results there are
 * final, ADR 0005); a location never rolled up settles nothing.
 */
export function settledLine(monitors: Pick<Monitor, 'id' | 'locations'>[], lines: Map<string, Map<string, { rolledTo: Date }>>, now: number): number {
  let line = now;
  for (const m of monitors) for (const location of m.locations) line = Math.min(line, lines.get(m.id)?.get(location)?.rolledTo.getTime() ?? -Infinity);
  return line;
}

/**
 * What a kept day was computed from, besides the segments before the rollup line: the monitors
 * that speak for the service, their locations, how often each line was rewound (the only way
 * those segments change), and the announced windows touching the day. Equal fingerprints, equal
 * figures; anything else that changed makes the row stale and it is recomputed.
 *
 * The monitors' part is the same for every day of a service, so it is hashed once
 * (`speakersDigest`) and each day hashes only its date, that digest and its windows — 90 days of
 * 100 monitors would otherwise hash the same list 90 times on every computation of the page.
 */
export function dayFingerprint(speakers: string, windows: { start: number; end: number; announcedAt: number }[], day: Day): string {
  const parts = [`v2|${day.date}|${speakers}`];
  for (const w of windows.filter((w) => w.start < day.end && w.end > day.start).sort((a, b) => a.start - b.start || a.end - b.end || a.announcedAt - b.announcedAt)) {
    parts.push(`w${w.start}-${w.end}@${w.announcedAt}`);
  }
  const text = parts.join('\n');
  // The same 90 days of every service are hashed on every computation (~3–5 ms for 1,800): each text's digest is kept.
  let digest = digests.get(text);
  if (digest === undefined) {
    if (digests.size >= MAX_DIGESTS) digests.clear();
    digests.set(text, (digest = createHash('sha256').update(text).digest('base64url')));
  }
  return digest;
}

/** The digests of the fingerprints' texts this process made: a pure function's answers, so never stale. */
const digests = new Map<string, string>();
const MAX_DIGESTS = 50_000;

/** The audience, the monitors that speak (ids, locations) and each line's rewind count, as one digest. */
export function speakersDigest(audience: string, monitors: Pick<Monitor, 'id' | 'locations'>[], lines: Map<string, Map<string, { rewinds: number }>>): string {
  const parts = [audience];
  for (const m of [...monitors].sort((a, b) => (a.id < b.id ? -1 : 1))) parts.push(`${m.id}:${m.locations.map((l) => `${l}#${lines.get(m.id)?.get(l)?.rewinds ?? '-'}`).join(',')}`);
  return createHash('sha256').update(parts.join('\n')).digest('base64url');
}

/**
 * The figures of [s, e) from those of [s, at) and of [at, e), as `figuresOf` gives them over the
 * whole: the sums add up, and a last run of `after` that begins at `at` continues `before`'s
 * when their states agree. An empty `after` leaves `before` as it is.
 */
export function joinFigures(before: DayFigures, after: DayFigures, at: number): DayFigures {
  if (after.upMs + after.downMs + after.maintenanceMs + after.unknownMs === 0) return before;
  return {
    upMs: before.upMs + after.upMs,
    downMs: before.downMs + after.downMs,
    maintenanceMs: before.maintenanceMs + after.maintenanceMs,
    unknownMs: before.unknownMs + after.unknownMs,
    lastState: after.lastState,
    lastStart: after.lastStart === at && after.lastState === before.lastState ? before.lastStart : after.lastStart,
  };
}

export const keptFigures = (row: KeptDay): DayFigures => ({ upMs: row.upMs, downMs: row.downMs, maintenanceMs: row.maintenanceMs, unknownMs: row.unknownMs, lastState: row.lastState, lastStart: row.lastStart });

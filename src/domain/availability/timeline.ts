/**
 * Availability by DESIGN.md's definition, as interval timelines (no per-second sampling).
 * Instants are epoch milliseconds; every timeline covers [from, to) without gaps.
 */
export type State = 'up' | 'down' | 'unknown';
export type ReportState = State | 'maintenance';

export interface Segment<S extends string = State> {
  start: number;
  end: number;
  state: S;
}

export interface ProbeResult {
  at: number;
  ok: boolean;
}

/** Adjacent segments with one state become one; empty ones vanish. */
export function normalize<S extends string>(segments: Segment<S>[]): Segment<S>[] {
  const out: Segment<S>[] = [];
  for (const s of segments) {
    if (s.end <= s.start) continue;
    const last = out[out.length - 1];
    if (last && last.state === s.state && last.end === s.start) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/**
 * Fills [from, to) around the given segments (sorted, non-overlapping) with `fill`. Pieces are
 * joined to the last one as they come, as `normalize` would join them afterwards (it runs for every
 * location on every status computation: one pass, no second copy).
 */
export function fillGaps<S extends string>(segments: Segment<S>[], from: number, to: number, fill: S): Segment<S>[] {
  const out: Segment<S>[] = [];
  let last: Segment<S> | undefined;
  const add = (start: number, end: number, state: S) => {
    if (last && last.state === state && last.end === start) last.end = end;
    else out.push((last = { start, end, state }));
  };
  let cursor = from;
  for (const s of segments) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end <= start) continue;
    if (start > cursor) add(cursor, start, fill);
    add(start, end, s.state);
    cursor = end;
  }
  if (cursor < to) add(cursor, to, fill);
  return out;
}

/**
 * Whether `fillGaps(segments, from, to, …)` would give the same segments: they run from `from` to
 * `to` with no gap, none empty, and no two adjacent ones share a state. A caller holding such
 * segments can use them as they are instead of a copy.
 */
export function coversAsFilled<S extends string>(segments: readonly Segment<S>[], from: number, to: number): boolean {
  if (segments.length === 0 || segments[0]!.start !== from || segments[segments.length - 1]!.end !== to) return false;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.end <= s.start) return false;
    if (i > 0 && (s.start !== segments[i - 1]!.end || s.state === segments[i - 1]!.state)) return false;
  }
  return true;
}

/**
 * One monitor at one location. Result i covers [at_i, min(at_{i+1}, at_i + 3 × interval));
 * a run of consecutive failures is DOWN when it has at least `failuresToConfirm` results,
 * otherwise its time counts as UP. Time no result covers is UNKNOWN.
 */
export function locationTimeline(results: ProbeResult[], intervalMs: number, failuresToConfirm: number, from: number, to: number): Segment[] {
  const sorted = [...results].sort((a, b) => a.at - b.at);
  const confirmedDown = new Array<boolean>(sorted.length).fill(false);
  for (let i = 0; i < sorted.length; ) {
    if (sorted[i]!.ok) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < sorted.length && !sorted[j + 1]!.ok) j++;
    if (j - i + 1 >= failuresToConfirm) for (let k = i; k <= j; k++) confirmedDown[k] = true;
    i = j + 1;
  }
  const covered: Segment[] = sorted.map((r, i) => ({
    start: r.at,
    end: Math.min(sorted[i + 1]?.at ?? Infinity, r.at + 3 * intervalMs),
    state: confirmedDown[i] ? 'down' : 'up',
  }));
  return fillGaps(covered, from, to, 'unknown');
}

/**
 * Walks several timelines together, calling `decide` with the states at each stretch. The stretches
 * run between `from`, `to` and every segment start strictly between them; each timeline gives the
 * state of its first segment not ended by the stretch's start. Adjacent stretches given one state
 * become one (as `normalize` joins them).
 *
 * The status page runs this for every monitor and service on every computation, so it allocates
 * only its output: the cuts in one typed array (sorted as numbers), one array of states handed to
 * `decide` at every stretch (read, never kept), and a segment only where the state changes.
 */
function sweep<S extends string>(timelines: Segment<S>[][], from: number, to: number, decide: (states: S[]) => S): Segment<S>[] {
  let inside = 0;
  for (const t of timelines) for (const s of t) if (s.start > from && s.start < to) inside++;
  const cuts = new Float64Array(inside + 2);
  let n = 0;
  cuts[n++] = from;
  cuts[n++] = to;
  for (const t of timelines) for (const s of t) if (s.start > from && s.start < to) cuts[n++] = s.start;
  cuts.sort();
  const index = new Array<number>(timelines.length).fill(0);
  const states = new Array<S>(timelines.length);
  const out: Segment<S>[] = [];
  let last: Segment<S> | undefined;
  for (let p = 0; p + 1 < n; p++) {
    const start = cuts[p]!;
    const end = cuts[p + 1]!;
    if (end === start) continue;
    for (let k = 0; k < timelines.length; k++) {
      const t = timelines[k]!;
      let i = index[k]!;
      while (i < t.length && t[i]!.end <= start) i++;
      index[k] = i;
      states[k] = t[i]!.state;
    }
    const state = decide(states);
    if (last && last.state === state) last.end = end;
    else out.push((last = { start, end, state }));
  }
  return out;
}

/** A moment is DOWN when a majority of the locations with a known state there are DOWN. */
export function combineLocations(timelines: Segment[][], from: number, to: number): Segment[] {
  if (timelines.length === 0) return [{ start: from, end: to, state: 'unknown' }];
  return sweep(timelines, from, to, (states) => {
    let known = 0;
    let down = 0;
    for (const s of states) {
      if (s === 'unknown') continue;
      known++;
      if (s === 'down') down++;
    }
    if (known === 0) return 'unknown';
    return down * 2 > known ? 'down' : 'up';
  });
}

/**
 * A service is DOWN when any critical monitor is DOWN; UP when every critical monitor is
 * known to be UP; UNKNOWN otherwise (a gap in one monitor is not evidence of service).
 */
export function combineMonitors(timelines: Segment[][], from: number, to: number): Segment[] {
  if (timelines.length === 0) return [{ start: from, end: to, state: 'unknown' }];
  return sweep(timelines, from, to, (states) => {
    let unknown = false;
    for (const s of states) {
      if (s === 'down') return 'down';
      if (s === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : 'up';
  });
}

export interface MaintenanceWindow {
  start: number;
  end: number;
  announcedAt: number;
}

/** Windows announced at least the notice before they start count as MAINTENANCE; others are ordinary time. */
export function applyMaintenance(segments: Segment[], windows: MaintenanceWindow[], noticeMs: number, from: number, to: number): Segment<ReportState>[] {
  const effective = windows.filter((w) => w.start - w.announcedAt >= noticeMs).sort((a, b) => a.start - b.start);
  const merged: Segment<'maintenance'>[] = normalize(
    effective.reduce<Segment<'maintenance'>[]>((acc, w) => {
      const last = acc[acc.length - 1];
      if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
      else acc.push({ start: w.start, end: w.end, state: 'maintenance' });
      return acc;
    }, []),
  );
  const base = segments as Segment<ReportState>[];
  const overlay = fillGaps<ReportState | 'none'>(merged, from, to, 'none');
  return sweep<ReportState | 'none'>([base, overlay], from, to, ([state, m]) => (m === 'maintenance' ? 'maintenance' : state!)) as Segment<ReportState>[];
}

export interface AvailabilitySummary {
  upSeconds: number;
  downSeconds: number;
  maintenanceSeconds: number;
  unknownSeconds: number;
  /** up / (up + down) × 100; null when nothing is known. */
  availabilityPercent: number | null;
  /** known time / (period − maintenance) × 100. */
  coveragePercent: number | null;
  outages: { start: number; end: number; seconds: number }[];
}

export function summarize(segments: Segment<ReportState>[], from: number, to: number): AvailabilitySummary {
  const ms = { up: 0, down: 0, maintenance: 0, unknown: 0 };
  const outages: AvailabilitySummary['outages'] = [];
  for (const s of segments) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end <= start) continue;
    ms[s.state] += end - start;
    if (s.state === 'down') {
      const last = outages[outages.length - 1];
      if (last && last.end === start) {
        last.end = end;
        last.seconds = (last.end - last.start) / 1000;
      } else outages.push({ start, end, seconds: (end - start) / 1000 });
    }
  }
  const known = ms.up + ms.down;
  const measurable = to - from - ms.maintenance;
  return {
    upSeconds: ms.up / 1000,
    downSeconds: ms.down / 1000,
    maintenanceSeconds: ms.maintenance / 1000,
    unknownSeconds: ms.unknown / 1000,
    availabilityPercent: known > 0 ? (ms.up / known) * 100 : null,
    coveragePercent: measurable > 0 ? (known / measurable) * 100 : null,
    outages,
  };
}

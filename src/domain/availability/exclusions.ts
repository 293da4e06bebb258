/**
 * Outages an operator excluded from the SLA (a probe fault, force majeure). Inside an exclusion,
 * confirmed DOWN time counts as neither up nor down — like maintenance, but only for downtime and
 * whenever it was recorded; UP, UNKNOWN and MAINTENANCE time stay as they are.
 */
import { normalize, type ReportState, type Segment } from './timeline.js';

export type SlaState = ReportState | 'excluded';

export interface ExclusionInterval {
  id: string;
  start: number;
  end: number;
  reason: string;
}

export interface SlaOutage {
  start: number;
  end: number;
  /** The whole outage, excluded parts included. */
  seconds: number;
  /** The part that does not count against the SLA. */
  excludedSeconds: number;
  /** The exclusions that cover part of it. */
  exclusionIds: string[];
}

export interface SlaSummary {
  upSeconds: number;
  downSeconds: number;
  maintenanceSeconds: number;
  unknownSeconds: number;
  excludedSeconds: number;
  /** up / (up + down) × 100; null when nothing is known. */
  availabilityPercent: number | null;
  /** known time (up, down, excluded) / (period − maintenance) × 100. */
  coveragePercent: number | null;
  /** Every confirmed outage in the period, with what of it is excluded. */
  outages: SlaOutage[];
}

/** DOWN inside any exclusion becomes EXCLUDED. `segments` must be sorted and cover [from, to). */
export function excludeDowntime(segments: Segment<ReportState>[], exclusions: Pick<ExclusionInterval, 'start' | 'end'>[], from: number, to: number): Segment<SlaState>[] {
  const cuts = [...exclusions]
    .map((e) => ({ start: Math.max(e.start, from), end: Math.min(e.end, to) }))
    .filter((e) => e.end > e.start)
    .sort((a, b) => a.start - b.start)
    .reduce<{ start: number; end: number }[]>((acc, e) => {
      const last = acc[acc.length - 1];
      if (last && e.start <= last.end) last.end = Math.max(last.end, e.end);
      else acc.push({ ...e });
      return acc;
    }, []);
  const out: Segment<SlaState>[] = [];
  for (const s of segments) {
    if (s.state !== 'down') {
      out.push({ ...s });
      continue;
    }
    let cursor = s.start;
    for (const c of cuts) {
      if (c.end <= cursor || c.start >= s.end) continue;
      if (c.start > cursor) out.push({ start: cursor, end: c.start, state: 'down' });
      const end = Math.min(c.end, s.end);
      out.push({ start: Math.max(c.start, cursor), end, state: 'excluded' });
      cursor = end;
    }
    if (cursor < s.end) out.push({ start: cursor, end: s.end, state: 'down' });
  }
  return normalize(out);
}

/** Seconds per state over [from, to), the availability and coverage figures, and the outages. */
export function summarizeSla(segments: Segment<SlaState>[], exclusions: ExclusionInterval[], from: number, to: number): SlaSummary {
  const ms: Record<SlaState, number> = { up: 0, down: 0, maintenance: 0, unknown: 0, excluded: 0 };
  const outages: SlaOutage[] = [];
  for (const s of segments) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end <= start) continue;
    ms[s.state] += end - start;
    if (s.state !== 'down' && s.state !== 'excluded') continue;
    const excluded = s.state === 'excluded' ? end - start : 0;
    const last = outages[outages.length - 1];
    if (last && last.end === start) {
      last.end = end;
      last.excludedSeconds += excluded / 1000;
    } else outages.push({ start, end, seconds: 0, excludedSeconds: excluded / 1000, exclusionIds: [] });
  }
  for (const o of outages) {
    o.seconds = (o.end - o.start) / 1000;
    if (o.excludedSeconds > 0) o.exclusionIds = exclusions.filter((e) => e.start < o.end && e.end > o.start).map((e) => e.id);
  }
  const known = ms.up + ms.down;
  const measurable = to - from - ms.maintenance;
  return {
    upSeconds: ms.up / 1000,
    downSeconds: ms.down / 1000,
    maintenanceSeconds: ms.maintenance / 1000,
    unknownSeconds: ms.unknown / 1000,
    excludedSeconds: ms.excluded / 1000,
    availabilityPercent: known > 0 ? (ms.up / known) * 100 : null,
    coveragePercent: measurable > 0 ? ((known + ms.excluded) / measurable) * 100 : null,
    outages,
  };
}

import type { DayResolver } from './calendar.js';
import { dateOf, localToEpochMs } from './local-time.js';

const MINUTE = 60_000;
/** Searching further than this for working time means the calendar has none. */
const MAX_SEARCH_YEARS = 20;

export class NoWorkingTimeError extends Error {
  constructor() {
    super('The calendar has no working time in reach');
  }
}

/**
 * Business time by interval arithmetic. The calendar's working intervals are laid out as
 * sorted UTC instants with running totals, so
 *   business(a, b) = total(b) − total(a)   and   deadline = inverse of total,
 * each a binary search — additive by construction, exact across DST changes (intervals are
 * computed from local wall-clock times), and never stepping minute by minute.
 */
export class BusinessClock {
  private firstYear = 0;
  private lastYear = -1;
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  /** Business milliseconds before interval i. */
  private before = new Float64Array(0);

  constructor(private readonly resolver: DayResolver) {}

  /** Business milliseconds in [a, b); negative when b is before a. */
  durationMs(a: number, b: number): number {
    this.cover(Math.min(a, b), Math.max(a, b));
    return this.total(b) - this.total(a);
  }

  durationMinutes(a: number, b: number): number {
    return this.durationMs(a, b) / MINUTE;
  }

  /** The earliest instant by which `minutes` of business time have passed since `start`. */
  deadline(start: number, minutes: number): number {
    if (minutes <= 0) return start;
    this.cover(start, start);
    const target = this.total(start) + minutes * MINUTE;
    for (let extensions = 0; ; extensions++) {
      const n = this.ends.length;
      if (n > 0 && this.before[n - 1]! + (this.ends[n - 1]! - this.starts[n - 1]!) >= target) break;
      if (extensions >= MAX_SEARCH_YEARS) throw new NoWorkingTimeError();
      this.build(this.firstYear, this.lastYear + 1);
    }
    // First interval whose end reaches the target.
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before[mid]! + (this.ends[mid]! - this.starts[mid]!) >= target) hi = mid;
      else lo = mid + 1;
    }
    return this.starts[lo]! + (target - this.before[lo]!);
  }

  /** Working intervals overlapping [from, to), for timelines and the calendar view. */
  intervals(from: number, to: number): [number, number][] {
    this.cover(from, to);
    const out: [number, number][] = [];
    for (let i = Math.max(0, this.indexAtOrBefore(from)); i < this.starts.length && this.starts[i]! < to; i++) {
      const s = Math.max(this.starts[i]!, from);
      const e = Math.min(this.ends[i]!, to);
      if (e > s) out.push([s, e]);
    }
    return out;
  }

  /** Business milliseconds from the start of the covered range to t. */
  private total(t: number): number {
    const i = this.indexAtOrBefore(t);
    if (i < 0) return 0;
    return this.before[i]! + Math.min(t, this.ends[i]!) - this.starts[i]!;
  }

  /** Index of the last interval starting at or before t, or −1. */
  private indexAtOrBefore(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Makes sure whole local years around [a, b] are laid out (one year of margin each side). */
  private cover(a: number, b: number): void {
    const yearA = new Date(a).getUTCFullYear() - 1;
    const yearB = new Date(b).getUTCFullYear() + 1;
    if (this.lastYear >= this.firstYear && yearA >= this.firstYear && yearB <= this.lastYear) return;
    const first = this.lastYear >= this.firstYear ? Math.min(this.firstYear, yearA) : yearA;
    const last = this.lastYear >= this.firstYear ? Math.max(this.lastYear, yearB) : yearB;
    this.build(first, last);
  }

  private build(firstYear: number, lastYear: number): void {
    const zone = this.resolver.spec.zone;
    const starts: number[] = [];
    const ends: number[] = [];
    for (let year = firstYear; year <= lastYear; year++) {
      for (let month = 1; month <= 12; month++) {
        const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
        for (let day = 1; day <= days; day++) {
          const date = dateOf(year, month, day);
          for (const slot of this.resolver.day(date).slots) {
            const s = localToEpochMs(zone, date, slot.opens);
            const e = localToEpochMs(zone, date, slot.closes);
            if (e <= s) continue;
            // Adjacent slots (e.g. 00:00–24:00 then 00:00–…) merge into one interval.
            if (ends.length > 0 && ends[ends.length - 1] === s) ends[ends.length - 1] = e;
            else {
              starts.push(s);
              ends.push(e);
            }
          }
        }
      }
    }
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.before = new Float64Array(starts.length);
    let sum = 0;
    for (let i = 0; i < starts.length; i++) {
      this.before[i] = sum;
      sum += ends[i]! - starts[i]!;
    }
    this.firstYear = firstYear;
    this.lastYear = lastYear;
  }
}

/**
 * Business-time arithmetic: deadlines and durations per second over one million random
 * (start, minutes) pairs spanning three years, against a naive minute-stepping reference.
 * Target: at least 2,000,000 deadline computations per second on one core.
 *
 *   node --import tsx bench/business-time.ts [pairs]
 */
import { BusinessClock } from '../src/domain/calendar/business-clock.js';
import { DayResolver, latvianCalendar } from '../src/domain/calendar/calendar.js';
import { zoneOffsetMs } from '../src/domain/calendar/local-time.js';
import { machineContext, rate } from './context.js';

const PAIRS = Number(process.argv[2] ?? 1_000_000);
const NAIVE_SAMPLE = 2_000;
const FROM = Date.parse('2025-01-01T00:00:00Z');
const SPAN = Date.parse('2028-01-01T00:00:00Z') - FROM;

// A seeded generator, so runs are comparable.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

const starts = new Float64Array(PAIRS);
const minutes = new Int32Array(PAIRS);
for (let i = 0; i < PAIRS; i++) {
  starts[i] = FROM + Math.floor(random() * SPAN);
  minutes[i] = 1 + Math.floor(random() * 4800); // up to the P4 resolution target
}

const resolver = new DayResolver(latvianCalendar());
const clock = new BusinessClock(resolver);
clock.deadline(FROM, 1); // lay out the years before timing

let t0 = performance.now();
const deadlines = new Float64Array(PAIRS);
for (let i = 0; i < PAIRS; i++) deadlines[i] = clock.deadline(starts[i]!, minutes[i]!);
const deadlineMs = performance.now() - t0;

t0 = performance.now();
let checksum = 0;
for (let i = 0; i < PAIRS; i++) checksum += clock.durationMs(starts[i]!, deadlines[i]!);
const durationMs = performance.now() - t0;

/** The reference: walk minute by minute, asking the day plan whether each minute is working time. */
const offsets = new Map<number, number>();
const plans = new Map<string, ReturnType<typeof resolver.day>>();
function naiveDeadline(start: number, wanted: number): number {
  const zone = 'Europe/Riga';
  let t = start;
  let counted = 0;
  while (counted < wanted) {
    // Memoised per hour and per date, so the reference is slow only by stepping, not by lookups.
    const hour = Math.floor(t / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) offsets.set(hour, (offset = zoneOffsetMs(zone, t)));
    const local = t + offset;
    const date = new Date(local).toISOString().slice(0, 10);
    let day = plans.get(date);
    if (!day) plans.set(date, (day = resolver.day(date)));
    const minuteOfDay = Math.floor((local % 86_400_000) / 60_000);
    if (day.slots.some((s) => minuteOfDay >= s.opens && minuteOfDay < s.closes)) counted++;
    t += 60_000;
  }
  return t;
}

t0 = performance.now();
let disagreements = 0;
for (let i = 0; i < NAIVE_SAMPLE; i++) {
  const start = Math.ceil(starts[i]! / 60_000) * 60_000; // the naive walk needs whole minutes
  const naive = naiveDeadline(start, minutes[i]!);
  const fast = clock.deadline(start, minutes[i]!);
  // The stepping walk stops after the last counted minute; equal unless the deadline ends a slot.
  if (naive !== fast && clock.durationMs(start, naive) !== minutes[i]! * 60_000) disagreements++;
}
const naiveMs = performance.now() - t0;

const fastRate = (PAIRS / deadlineMs) * 1000;
const naiveRate = (NAIVE_SAMPLE / naiveMs) * 1000;
console.log(`bench/business-time — ${machineContext()}`);
console.log(`pairs: ${PAIRS.toLocaleString('en-US')} over 2025–2027, minutes 1–4800, calendar lv (Europe/Riga)`);
console.log(`deadline (interval arithmetic): ${rate(PAIRS, deadlineMs)}  (${deadlineMs.toFixed(0)} ms)  target ≥ 2,000,000/s: ${fastRate >= 2_000_000 ? 'met' : 'NOT met'}`);
console.log(`duration (interval arithmetic): ${rate(PAIRS, durationMs)}  (${durationMs.toFixed(0)} ms)  checksum ${(checksum / 60_000).toExponential(6)} min`);
console.log(`deadline (naive minute stepping, ${NAIVE_SAMPLE.toLocaleString('en-US')}-pair sample): ${rate(NAIVE_SAMPLE, naiveMs)}`);
console.log(`ratio interval/naive: ${(fastRate / naiveRate).toFixed(0)}×; disagreements in the sample: ${disagreements}`);

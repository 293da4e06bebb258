import { addDays, localDateOf, localToEpochMs } from '../calendar/local-time.js';
import { MONITOR_RANGE_DAYS, type MonitorRange } from './monitor-range.js';

export type LatencyBucket = '5min' | 'hour' | 'day';
/** A bucket's nominal length; a zone's day is 1440 minutes though it may last 23 or 25 hours. */
export const BUCKET_MINUTES: Record<LatencyBucket, number> = { '5min': 5, hour: 60, day: 1440 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How finely each range is drawn: a day in five-minute steps, a week per hour, a month and a
 * quarter per day — at most a few hundred points, each a bucket wide enough for a median to mean something.
 */
export const BUCKET_OF: Record<MonitorRange, LatencyBucket> = { '24h': '5min', '7d': 'hour', '30d': 'day', '90d': 'day' };

export interface LatencyBuckets {
  bucket: LatencyBucket;
  /** The first bucket's start: the range's start rounded down to a whole bucket, so no bucket is cut short. */
  from: number;
  /** Now: the last bucket is still filling. */
  to: number;
  /** Every bucket's start, oldest first; a bucket runs to the next start (the last to `to`). */
  starts: number[];
}

/**
 * The buckets of a range ending at `now`. Days are the zone's calendar days (23 or 25 hours
 * when the clocks change), so a day's point is the day people in Latvia lived; five minutes and
 * hours are whole UTC steps, the same everywhere.
 */
export function latencyRangeBuckets(range: MonitorRange, now: number, zone: string): LatencyBuckets {
  const bucket = BUCKET_OF[range];
  const start = now - MONITOR_RANGE_DAYS[range] * DAY;
  const starts: number[] = [];
  if (bucket === 'day') {
    for (let date = localDateOf(zone, start); ; date = addDays(date, 1)) {
      const at = localToEpochMs(zone, date, 0);
      if (at >= now) break;
      starts.push(at);
    }
  } else {
    const step = bucket === 'hour' ? HOUR : 5 * 60_000;
    for (let at = Math.floor(start / step) * step; at < now; at += step) starts.push(at);
  }
  return { bucket, from: starts[0]!, to: now, starts };
}

import type { TFunction } from 'i18next';
import { formatNumber } from '../../format';
import type { LatencyPoint } from './queries';

export interface LatencyFigures {
  /** Average over the checks that measured a latency; null when none did. */
  avg: number | null;
  max: number | null;
  checks: number;
  failures: number;
}

/** One figure for the whole window: the average weighted by each bucket's checks, the highest maximum, all failures. */
export function latencyFigures(points: LatencyPoint[]): LatencyFigures {
  let sum = 0;
  let weight = 0;
  let max: number | null = null;
  let checks = 0;
  let failures = 0;
  for (const p of points) {
    checks += p.checks;
    failures += p.failures;
    if (p.avgLatencyMs !== null) {
      const measured = Math.max(1, p.checks - p.failures);
      sum += p.avgLatencyMs * measured;
      weight += measured;
    }
    if (p.maxLatencyMs !== null) max = max === null ? p.maxLatencyMs : Math.max(max, p.maxLatencyMs);
  }
  return { avg: weight > 0 ? Math.round(sum / weight) : null, max, checks, failures };
}

/** "vidēji 120 ms, maks. 340 ms, 2 kļūdas 24 h laikā" — or that there were no checks. */
export function latencySummary(t: TFunction, figures: LatencyFigures, hours: number): string {
  if (figures.checks === 0) return t('latency.noChecks', { hours });
  return t('latency.summary', {
    avg: figures.avg === null ? t('latency.none') : `${formatNumber(figures.avg)} ms`,
    max: figures.max === null ? t('latency.none') : `${formatNumber(figures.max)} ms`,
    count: figures.failures,
    hours,
  });
}

import type { TFunction } from 'i18next';
import { formatMinutes } from './duration';
import { formatNumber } from './format';

/** Seconds as "45 s", "12 min" or "2 st. 5 min". */
export function formatSeconds(t: TFunction, seconds: number): string {
  if (seconds > 0 && seconds < 60) return t('duration.seconds', { seconds: Math.round(seconds) });
  return formatMinutes(t, seconds / 60);
}

/** "99,95 %" or "nav datu". */
export function formatPercent(t: TFunction, value: number | null, digits = 3): string {
  return value === null ? t('status.noData') : `${formatNumber(value, digits)} %`;
}

import type { TFunction } from 'i18next';
import { formatNumber } from './format';

/** Business minutes as "1 st. 25 min" / "1 h 25 min". */
export function formatMinutes(t: TFunction, minutes: number, rounding: 'floor' | 'ceil' | 'round' = 'round'): string {
  const total = Math.max(0, Math[rounding](minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return t('duration.minutes', { minutes: rest });
  if (rest === 0) return t('duration.hours', { hours: formatNumber(hours) });
  return t('duration.hoursMinutes', { hours: formatNumber(hours), minutes: rest });
}

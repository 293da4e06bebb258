import type { TFunction } from 'i18next';
import { formatDuration, formatPercent as writePercent } from '../../src/domain/figures';
import { currentLanguage } from './i18n';

/** Seconds as "45 s", "12 min" or "2 st. 5 min" — the rule the PDFs use (src/domain/figures.ts). */
export function formatSeconds(_t: TFunction, seconds: number): string {
  return formatDuration(seconds, currentLanguage());
}

/** "99,95 %" / "99.95%", or "nav datu". */
export function formatPercent(t: TFunction, value: number | null, digits = 3): string {
  return value === null ? t('status.noData') : writePercent(value, currentLanguage(), digits);
}

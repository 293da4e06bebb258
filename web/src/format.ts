import { roundedDecimal } from '../../src/domain/figures';
import { formatNumber as groupDigits } from '../../src/domain/locale';
import { dateFormat } from './date-formats';
import { currentLanguage } from './i18n';

// Re-exported from here so that date-formats.ts joins this module's chunk rather than being a
// chunk of its own (one request more for the monitors page).
export { dateFormat };

const ZONE = 'Europe/Riga';

/** The Intl locale of the UI language, for numbers and dates. */
export function intlLocale(): string {
  return currentLanguage() === 'lv' ? 'lv-LV' : 'en-GB';
}

/** An instant (ISO-8601 UTC) in Riga time, e.g. "28.11.2026. 14:05" (lv) or "28/11/2026, 14:05" (en). */
export function formatInstant(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat(intlLocale(), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }).format(date);
}

/** A local calendar date YYYY-MM-DD, shown in the reader's convention. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateFormat(intlLocale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * A number as the PDFs write it (src/domain/locale.ts): "6 000", "12,5" in Latvian. Not Intl:
 * its Latvian rule leaves four-digit figures ungrouped ("6000") while five-digit ones are grouped.
 */
export function formatNumber(value: number, maximumFractionDigits = 3): string {
  return groupDigits(roundedDecimal(value, maximumFractionDigits), currentLanguage());
}

/** A local date YYYY-MM-DD at the given local time, as an ISO instant (browser's zone). */
export function localDateToInstant(date: string, endOfDay: boolean): string {
  const [y, m, d] = date.split('-').map(Number);
  const local = endOfDay ? new Date(y!, m! - 1, d!, 23, 59, 59, 999) : new Date(y!, m! - 1, d!, 0, 0, 0, 0);
  return local.toISOString();
}

/** Local midnight at the start of the day after `date`: the exclusive end of a date range. */
export function localDayAfterToInstant(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d! + 1, 0, 0, 0, 0).toISOString();
}

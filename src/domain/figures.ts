/**
 * How durations and percentages are written, one rule for the web pages and the PDFs, so that
 * a report reads the same on screen and on paper ("716 st. 15 min", "97 %"; "716 h 15 min", "97%").
 * Pure: no clock, no Intl (the digits must not depend on the platform's ICU data).
 */
import { formatNumber, type Language } from './locale.js';

const HOURS: Record<Language, string> = { lv: 'st.', en: 'h' };

/** Whole minutes as "45 min", "3 st." or "716 st. 15 min" (hours grouped: "1 234 st."). */
export function formatMinutes(minutes: number, language: Language): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  const h = `${formatNumber(String(hours), language)} ${HOURS[language]}`;
  return rest === 0 ? h : `${h} ${rest} min`;
}

/** Seconds as "45 s" under a minute, otherwise to the nearest minute as `formatMinutes` writes it. */
export function formatDuration(seconds: number, language: Language): string {
  if (seconds > 0 && seconds < 60) return `${Math.round(seconds)} s`;
  return formatMinutes(seconds / 60, language);
}

/** A decimal rounded to at most `digits` places, trailing zeros dropped: 97 → "97", 99.86543 → "99.865". */
export function roundedDecimal(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** A percentage: "99,865 %" in Latvian, "99.865%" in English; at most `digits` decimals. */
export function formatPercent(value: number, language: Language, digits = 3): string {
  const number = formatNumber(roundedDecimal(value, digits), language);
  return language === 'lv' ? `${number} %` : `${number}%`;
}

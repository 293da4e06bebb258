import { formatNumber } from '../../../../src/domain/locale';
import { currentLanguage } from '../../i18n';

/**
 * A decimal string from the API ("1234.50", "-3.5", "0.012345") shown without floats:
 * Latvian "1 234,50 EUR", English "1,234.50 EUR". Digits are regrouped as text only;
 * trailing zeros beyond `minFraction` are dropped.
 */
export function formatDecimal(value: string, minFraction = 0): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  // Trailing zeros beyond the minimum say nothing ("0.045000" → "0,045").
  const frac = fraction.replace(/0+$/, '').padEnd(minFraction, '0');
  // Grouped by the same rule the PDFs use (src/domain/locale.ts); the UI writes a true minus sign.
  return `${sign === '-' ? '−' : ''}${formatNumber(frac ? `${whole}.${frac}` : whole!, currentLanguage())}`;
}

export function formatMoney(value: string, currency = 'EUR'): string {
  return `${formatDecimal(value, 2)}\u00a0${currency}`;
}

/** An amount from the API ("1234.5", "-3.25") as integer cents, exactly (no floats). */
function toCents(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`Not an amount: ${amount}`);
  const value = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0') || '0');
  return match[1] ? -value : value;
}

/** Integer cents as the API writes money ("1234.50"). */
function fromCents(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Adds amounts from the API in integer cents: money is never summed in floats. */
export function sumMoney(amounts: readonly string[]): string {
  return fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0n));
}

/** The last `count` months before `month` (YYYY-MM), oldest first, ending with `month`. */
export function monthsUpTo(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y!, m! - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The month before the current one in Riga (the latest month that has ended). */
export function lastEndedMonth(now = new Date()): string {
  const riga = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit' }).format(now);
  return monthsUpTo(riga.slice(0, 7), 2)[0]!;
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Exact decimal money. Amounts are integer cents (bigint); prices and quantities are exact
 * decimals held as a bigint with a scale (digits after the point). No binary floats.
 */
import { formatNumber } from './locale.js';

export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(-)?(\d{1,18})(?:\.(\d{1,12}))?$/;

export function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`) * (m[1] ? -1n : 1n);
  return { units, scale: fraction.length };
}

export function decimalFromNumber(value: number): Decimal | null {
  if (!Number.isFinite(value)) return null;
  // Numbers arrive from JSON; their shortest round-trip text is what the sender meant.
  return parseDecimal(String(value).includes('e') ? value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '') : String(value));
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function rescale(d: Decimal, scale: number): Decimal {
  if (scale < d.scale) throw new Error('rescale would lose digits; use roundHalfUp');
  return { units: d.units * 10n ** BigInt(scale - d.scale), scale };
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale).units + rescale(b, scale).units, scale };
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

/** Round half up (away from zero on .5) to `digits` decimals. */
export function roundHalfUp(d: Decimal, digits: number): Decimal {
  if (d.scale <= digits) return rescale(d, digits);
  const factor = 10n ** BigInt(d.scale - digits);
  const negative = d.units < 0n;
  const abs = negative ? -d.units : d.units;
  let q = abs / factor;
  if ((abs % factor) * 2n >= factor) q += 1n;
  return { units: negative ? -q : q, scale: digits };
}

/** Cents of an amount already rounded to two decimals. */
export function toCents(d: Decimal): bigint {
  return roundHalfUp(d, 2).units;
}

export function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const whole = d.scale ? digits.slice(0, -d.scale) : digits;
  const fraction = d.scale ? `.${digits.slice(-d.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** "1234.50" for 123450n cents. */
export function formatCents(cents: bigint): string {
  return formatDecimal({ units: cents, scale: 2 });
}

export function parseCents(text: string): bigint | null {
  const d = parseDecimal(text);
  if (!d || d.scale > 2) return null;
  return rescale(d, 2).units;
}

/**
 * An exact decimal string written the Latvian way: thousands apart by a no-break space, a decimal
 * comma ("1234567.5" → "1 234 567,5"). Text only; the digits are not rounded or changed.
 */
export function formatDecimalLv(text: string): string {
  return formatNumber(text, 'lv');
}

/**
 * Which VAT rate applies on a day. The standard Latvian rate is a dated rule, not a constant, so a
 * change in the law is one new row here and invoices for earlier months keep the rate of their time.
 */
import { fieldError, stateProblem } from '../errors.js';
import type { LocalDate } from '../local-date.js';

export interface VatRule {
  /** First day the rate is in force; it stays in force until the next rule's first day. */
  from: LocalDate;
  /** The rate in percent, as exact decimal text ('21'). */
  ratePercent: string;
}

/** The standard rate under the Latvian VAT law, 21 % since 1 July 2012; oldest first. */
export const STANDARD_VAT_RULES: readonly VatRule[] = Object.freeze([{ from: '2012-07-01', ratePercent: '21' }]);

/** The standard VAT rate in force on `day`; a day before the first known rule has none. */
export function vatRateOn(day: LocalDate, rules: readonly VatRule[] = STANDARD_VAT_RULES): string {
  let rate: string | null = null;
  for (const rule of rules) if (rule.from <= day) rate = rule.ratePercent;
  if (rate === null) throw stateProblem('invalid_state', 'no_vat_rate', { day }, `No VAT rate is known for ${day}`, [fieldError('month', 'no_vat_rate', 'is before any known VAT rate')]);
  return rate;
}

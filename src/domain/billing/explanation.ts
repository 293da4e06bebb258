/**
 * Why a statement or invoice line is what it is, as a code with its figures instead of a sentence:
 * the server stores and sends `{code, params}`, and the UI and the PDFs write it in the reader's
 * language with that language's number formats. Every code the server can make is in
 * EXPLANATION_PARAMS; every language has a text for each (the type below will not compile
 * otherwise, and explanation.test.ts holds it at run time too).
 */
import type { PoolDriver } from './catalogue.js';
import { formatCents } from '../money.js';
import { formatNumber, type Language } from '../locale.js';

/**
 * Each code with the names of its params (a trailing "?" marks one that may be absent); params are
 * exact decimal strings, numbers of documents or names — never floats.
 */
export const EXPLANATION_PARAMS = {
  /** quantity × unit price at the provider's tariff. */
  hosting_usage: ['quantity', 'unit', 'unitPrice', 'provider'],
  /** A pool share by active users: value of total; poolAmount when the pool is to be named. */
  share_active_users: ['value', 'total', 'poolAmount?'],
  /** An equal share: one of total municipalities. */
  share_even: ['total', 'poolAmount?'],
  /** A pool share by hosting cost in EUR: value of total. */
  share_hosting_cost: ['value', 'total', 'poolAmount?'],
  /** An invoice's payment terms in days from its date. */
  payment_terms: ['days'],
  /** A credit note's note: the invoice it cancels and the month recomputed. */
  credit_note_for: ['invoice', 'month'],
  /** A corrected invoice's note: the invoices it replaces (comma-separated numbers). */
  replaces_invoices: ['invoices'],
  /** Why no VAT: the cooperation agreement exempts the municipality. */
  vat_exempt_agreement: [],
} as const;

export type ExplanationCode = keyof typeof EXPLANATION_PARAMS;
export const EXPLANATION_CODES = Object.keys(EXPLANATION_PARAMS) as ExplanationCode[];

export interface Explanation {
  code: ExplanationCode;
  params: Record<string, string>;
}

export function explainHosting(line: { quantity: string; unit: string; unitPrice: string; provider: string }): Explanation {
  return { code: 'hosting_usage', params: { quantity: line.quantity, unit: line.unit, unitPrice: line.unitPrice, provider: line.provider } };
}

/** A pool share; with the pool's amount on statements, without it on invoices (see invoiceLines). */
export function explainPoolShare(line: { driver: PoolDriver; driverValue: string; driverTotal: string; poolCents: bigint }, withPool: boolean): Explanation {
  const pool: Record<string, string> = withPool ? { poolAmount: formatCents(line.poolCents) } : {};
  switch (line.driver) {
    case 'active_users':
      return { code: 'share_active_users', params: { value: line.driverValue, total: line.driverTotal, ...pool } };
    case 'even':
      return { code: 'share_even', params: { total: line.driverTotal, ...pool } };
    case 'hosting_cost':
      return { code: 'share_hosting_cost', params: { value: line.driverValue, total: line.driverTotal, ...pool } };
  }
}

type Texts = { [C in ExplanationCode]: (p: Record<string, string>, n: (text: string) => string) => string };

const pool = (word: string) => (p: Record<string, string>, n: (text: string) => string) => (p.poolAmount === undefined ? '' : `; ${word} ${n(p.poolAmount)} EUR`);
const poolLv = pool('fonds');
const poolEn = pool('pool');

/** The texts, one table per language; a missing code in either is a compile error. */
export const EXPLANATION_TEXTS: Record<Language, Texts> = {
  lv: {
    hosting_usage: (p, n) => `${n(p.quantity!)} ${p.unit} × ${n(p.unitPrice!)} EUR (${p.provider} tarifs)`,
    share_active_users: (p, n) => `${n(p.value!)} no ${n(p.total!)} aktīvajiem lietotājiem${poolLv(p, n)}`,
    share_even: (p, n) => `vienāda daļa (1 no ${n(p.total!)} pašvaldībām)${poolLv(p, n)}`,
    share_hosting_cost: (p, n) => `hostinga izmaksas ${n(p.value!)} no ${n(p.total!)} EUR${poolLv(p, n)}`,
    payment_terms: (p) => `Apmaksa ${p.days} dienu laikā no rēķina datuma.`,
    credit_note_for: (p) => `Kredītrēķins rēķinam ${p.invoice}: ${p.month} izmaksas pārrēķinātas.`,
    replaces_invoices: (p) => `Aizstāj rēķinu ${p.invoices}.`,
    vat_exempt_agreement: () => 'Atbrīvots no PVN saskaņā ar sadarbības līgumu',
  },
  en: {
    hosting_usage: (p, n) => `${n(p.quantity!)} ${p.unit} × ${n(p.unitPrice!)} EUR (${p.provider} tariff)`,
    share_active_users: (p, n) => `${n(p.value!)} of ${n(p.total!)} active users${poolEn(p, n)}`,
    share_even: (p, n) => `equal share (1 of ${n(p.total!)} municipalities)${poolEn(p, n)}`,
    share_hosting_cost: (p, n) => `hosting costs ${n(p.value!)} of ${n(p.total!)} EUR${poolEn(p, n)}`,
    payment_terms: (p) => `Payment within ${p.days} days of the invoice date.`,
    credit_note_for: (p) => `Credit note for invoice ${p.invoice}: the costs of ${p.month} were recomputed.`,
    replaces_invoices: (p) => `Replaces invoice ${p.invoices}.`,
    vat_exempt_agreement: () => 'Exempt from VAT under the cooperation agreement',
  },
};

/** An explanation in a language; an unknown code (from a newer server) shows as the code itself. */
export function renderExplanation(explanation: Explanation, language: Language): string {
  const text = (EXPLANATION_TEXTS[language] as Partial<Texts>)[explanation.code];
  return text ? text(explanation.params, (value) => formatNumber(value, language)) : explanation.code;
}

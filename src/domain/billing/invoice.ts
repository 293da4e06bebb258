/**
 * An invoice or credit note as EN 16931 models it, with the totals computed by its rules:
 * line net = round(quantity × price, 2); per VAT rate the taxable amount is the sum of its lines
 * (BR-S-08) and the tax is round(taxable × rate, 2) (BR-CO-17); document totals add up exactly
 * (BR-CO-10, 13, 14, 15, 16). Amounts are integer cents; quantities and prices exact decimals.
 */
import type { Explanation } from './explanation.js';
import { formatDecimal, multiply, parseDecimal, roundHalfUp, type Decimal } from '../money.js';

export type VatCategory = 'S' | 'E';

export interface Party {
  name: string;
  registrationNumber: string;
  vatNumber: string | null;
  address: { street: string; city: string; postalCode: string; country: string } | null;
  /** Peppol endpoint: scheme 0218 (registration number) or 9939 (VAT number). */
  endpoint: { scheme: '0218' | '9939'; id: string };
  email: string | null;
}

export interface InvoiceLineInput {
  description: string;
  /** Exact decimal quantity, e.g. "412.5". */
  quantity: string;
  /** UN/ECE Recommendation 20 unit code. */
  unitCode: string;
  /** Exact decimal unit price with up to 6 decimals. */
  unitPrice: string;
  /** Why this line, in Latvian: the UBL item description, which stays as the legal text. */
  note?: string | undefined;
  /** The same reason as a code, for a PDF in the reader's language (absent on older invoices). */
  explanation?: Explanation | undefined;
}

export interface InvoiceLine extends InvoiceLineInput {
  id: string;
  netCents: bigint;
}

export interface VatBreakdown {
  category: VatCategory;
  /** Percent as an exact decimal, e.g. "21". */
  ratePercent: string;
  taxableCents: bigint;
  taxCents: bigint;
  exemptionReason: string | null;
}

export interface InvoiceTotals {
  lineExtensionCents: bigint;
  taxExclusiveCents: bigint;
  taxCents: bigint;
  taxInclusiveCents: bigint;
  payableCents: bigint;
  vat: VatBreakdown[];
}

export interface Invoice {
  kind: 'invoice' | 'credit_note';
  number: string;
  issueDate: string;
  dueDate: string;
  currency: 'EUR';
  buyerReference: string;
  seller: Party & { iban: string; bic: string | null };
  buyer: Party;
  paymentTerms: string;
  /** For a credit note: the invoice it corrects. */
  corrects: { number: string; issueDate: string } | null;
  period: { start: string; end: string };
  notes: string[];
  /**
   * The Latvian texts above (payment terms, notes, VAT exemption) as codes, for a PDF in the
   * reader's language; absent on invoices issued before they were kept.
   */
  explained?: { paymentTerms: Explanation; notes: Explanation[]; exemptionReason: Explanation | null } | undefined;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
}

const decimal = (text: string, what: string): Decimal => {
  const d = parseDecimal(text);
  if (!d) throw new Error(`${what} is not a decimal: ${text}`);
  return d;
};

/** Line net amount by PEPPOL-EN16931-R120: quantity × price, rounded half up to the cent. */
export function lineNetCents(quantity: string, unitPrice: string): bigint {
  return roundHalfUp(multiply(decimal(quantity, 'quantity'), decimal(unitPrice, 'unit price')), 2).units;
}

/** VAT of a taxable amount at a percent rate, rounded half up to the cent (BR-CO-17). */
export function vatCents(taxableCents: bigint, ratePercent: string): bigint {
  const percent = decimal(ratePercent, 'rate');
  const fraction = { units: percent.units, scale: percent.scale + 2 }; // 21 % → 0.21
  return roundHalfUp(multiply({ units: taxableCents, scale: 2 }, fraction), 2).units;
}

/** Numbers the lines and computes every total; one VAT category for the whole document. */
export function priceInvoice(inputs: InvoiceLineInput[], vat: { category: VatCategory; ratePercent: string; exemptionReason: string | null }): { lines: InvoiceLine[]; totals: InvoiceTotals } {
  const lines = inputs.map((l, i) => ({ ...l, id: String(i + 1), netCents: lineNetCents(l.quantity, l.unitPrice) }));
  const lineExtensionCents = lines.reduce((sum, l) => sum + l.netCents, 0n);
  const rate = vat.category === 'E' ? '0' : vat.ratePercent;
  const taxCents = vatCents(lineExtensionCents, rate);
  return {
    lines,
    totals: {
      lineExtensionCents,
      taxExclusiveCents: lineExtensionCents,
      taxCents,
      taxInclusiveCents: lineExtensionCents + taxCents,
      payableCents: lineExtensionCents + taxCents,
      vat: [{ category: vat.category, ratePercent: rate, taxableCents: lineExtensionCents, taxCents, exemptionReason: vat.category === 'E' ? vat.exemptionReason : null }],
    },
  };
}

/** A price or quantity as written on the invoice: no trailing zeros beyond two decimals. */
export function formatQuantity(text: string): string {
  const d = decimal(text, 'value');
  const shown = formatDecimal(d);
  return d.scale > 2 ? shown.replace(/0+$/, '').replace(/\.$/, '') : shown;
}

/** JSON has no bigint: cents travel and rest as integer strings. */
export function invoiceToJson(invoice: Invoice): unknown {
  return JSON.parse(JSON.stringify(invoice, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}

export function invoiceFromJson(json: unknown): Invoice {
  const raw = json as Invoice & { lines: (InvoiceLine & { netCents: string })[]; totals: Record<string, unknown> & { vat: (VatBreakdown & { taxableCents: string; taxCents: string })[] } };
  const totals = raw.totals as unknown as Record<keyof Omit<InvoiceTotals, 'vat'>, string>;
  return {
    ...raw,
    lines: raw.lines.map((l) => ({ ...l, netCents: BigInt(l.netCents) })),
    totals: {
      lineExtensionCents: BigInt(totals.lineExtensionCents),
      taxExclusiveCents: BigInt(totals.taxExclusiveCents),
      taxCents: BigInt(totals.taxCents),
      taxInclusiveCents: BigInt(totals.taxInclusiveCents),
      payableCents: BigInt(totals.payableCents),
      vat: raw.totals.vat.map((v) => ({ ...v, taxableCents: BigInt(v.taxableCents), taxCents: BigInt(v.taxCents) })),
    },
  };
}

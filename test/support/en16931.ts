import { expect } from 'vitest';
import { create } from 'xmlbuilder2';

/**
 * EN 16931 / Peppol BIS 3.0 arithmetic rules checked on a UBL document as printed: integer cents
 * parsed from the XML strings, products rounded half up here — independent of the generator.
 */
export type XmlObject = { [key: string]: XmlValue };
type XmlValue = string | XmlObject | XmlValue[];
const parse = (xml: string) => create(xml).end({ format: 'object' }) as XmlObject;
const list = (v: XmlValue | undefined): XmlValue[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const text = (v: XmlValue | undefined): string => (typeof v === 'string' ? v : ((v as XmlObject | undefined)?.['#'] as string));
const cents = (v: XmlValue | undefined): bigint => {
  const [whole, fraction = ''] = text(v).split('.');
  expect(fraction.length).toBeLessThanOrEqual(2); // BR-DEC: at most two decimals on amounts
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0')) * (whole!.startsWith('-') ? -1n : 1n);
};
/** q × p rounded half up to cents, from the printed decimals. */
function product(quantity: string, price: string): bigint {
  const scaled = (s: string) => {
    const [w, f = ''] = s.split('.');
    return { units: BigInt(w! + f), scale: f.length };
  };
  const q = scaled(quantity);
  const p = scaled(price);
  const units = q.units * p.units;
  const drop = 10n ** BigInt(q.scale + p.scale - 2 > 0 ? q.scale + p.scale - 2 : 0);
  const base = q.scale + p.scale >= 2 ? units : units * 10n ** BigInt(2 - q.scale - p.scale);
  return (base + drop / 2n) / drop;
}

export function checkRules(xml: string, root: 'Invoice' | 'CreditNote') {
  const doc = parse(xml)[root] as XmlObject;
  const lineKey = root === 'Invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine';
  const quantityKey = root === 'Invoice' ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity';
  const lines = list(doc[lineKey]) as XmlObject[];
  const totals = doc['cac:LegalMonetaryTotal'] as XmlObject;
  const taxTotal = doc['cac:TaxTotal'] as XmlObject;
  const subtotals = list(taxTotal['cac:TaxSubtotal']) as XmlObject[];
  // PEPPOL-EN16931-R120: each line net = quantity × price.
  for (const line of lines) expect(cents(line['cbc:LineExtensionAmount'])).toBe(product(text(line[quantityKey]), text((line['cac:Price'] as XmlObject)['cbc:PriceAmount'])));
  const sumLines = lines.reduce((s, l) => s + cents(l['cbc:LineExtensionAmount']), 0n);
  expect(cents(totals['cbc:LineExtensionAmount'])).toBe(sumLines); // BR-CO-10
  expect(totals['cbc:AllowanceTotalAmount']).toBeUndefined(); // BR-CO-11/12: no document allowances or charges
  expect(cents(totals['cbc:TaxExclusiveAmount'])).toBe(sumLines); // BR-CO-13
  const sumTax = subtotals.reduce((s, t) => s + cents(t['cbc:TaxAmount']), 0n);
  expect(cents(taxTotal['cbc:TaxAmount'])).toBe(sumTax); // BR-CO-14
  expect(cents(totals['cbc:TaxInclusiveAmount'])).toBe(cents(totals['cbc:TaxExclusiveAmount']) + cents(taxTotal['cbc:TaxAmount'])); // BR-CO-15
  expect(cents(totals['cbc:PayableAmount'])).toBe(cents(totals['cbc:TaxInclusiveAmount'])); // BR-CO-16 (nothing prepaid, no rounding)
  for (const sub of subtotals) {
    const category = sub['cac:TaxCategory'] as XmlObject;
    const percent = text(category['cbc:Percent']);
    // BR-CO-17: tax = taxable × rate / 100, rounded to cents.
    expect(cents(sub['cbc:TaxAmount'])).toBe(product(text(sub['cbc:TaxableAmount']), (Number(percent) / 100).toFixed(4)));
    // BR-S-08: taxable amount of a rate = the sum of the lines with that category and rate.
    const ofRate = lines.filter((l) => {
      const c = ((l['cac:Item'] as XmlObject)['cac:ClassifiedTaxCategory'] as XmlObject);
      return text(c['cbc:ID']) === text(category['cbc:ID']) && text(c['cbc:Percent']) === percent;
    });
    expect(cents(sub['cbc:TaxableAmount'])).toBe(ofRate.reduce((s, l) => s + cents(l['cbc:LineExtensionAmount']), 0n));
  }
  return doc;
}


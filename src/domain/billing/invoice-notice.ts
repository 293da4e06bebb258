import type { Language } from '../locale.js';

/**
 * The notice that an invoice or credit note was issued, in the reader's language. `total` is the
 * amount already written in that language's number format.
 */
export function invoiceNotice(language: Language, i: { credit: boolean; number: string; month: string; total: string }): { subject: string; lines: string[]; linkLabel: string } {
  if (language === 'en') {
    return i.credit
      ? { subject: `[Kopa] Credit note ${i.number} issued`, lines: [`Credit note ${i.number} for ${i.month} has been issued, amount ${i.total} EUR.`], linkLabel: 'Open costs' }
      : { subject: `[Kopa] Invoice ${i.number} issued`, lines: [`Invoice ${i.number} for ${i.month} has been issued, amount payable ${i.total} EUR.`], linkLabel: 'Open costs' };
  }
  return i.credit
    ? { subject: `[Kopa] Izrakstīts kredītrēķins ${i.number}`, lines: [`Izrakstīts kredītrēķins ${i.number} par ${i.month}, summa ${i.total} EUR.`], linkLabel: 'Atvērt izmaksas' }
    : { subject: `[Kopa] Izrakstīts rēķins ${i.number}`, lines: [`Izrakstīts rēķins ${i.number} par ${i.month}, summa apmaksai ${i.total} EUR.`], linkLabel: 'Atvērt izmaksas' };
}

import { describe, expect, it } from 'vitest';
import { invoiceNotice } from './invoice-notice.js';

describe('the invoice notice', () => {
  it('tells an invoice and a credit note apart, in the reader’s language', () => {
    expect(invoiceNotice('lv', { credit: false, number: 'KOPA-2026-0007', month: '2026-10', total: '1 493,75' })).toEqual({
      subject: '[Kopa] Izrakstīts rēķins KOPA-2026-0007',
      lines: ['Izrakstīts rēķins KOPA-2026-0007 par 2026-10, summa apmaksai 1 493,75 EUR.'],
      linkLabel: 'Atvērt izmaksas',
    });
    expect(invoiceNotice('en', { credit: true, number: 'KOPA-2026-0008', month: '2026-10', total: '-12.10' }).lines).toEqual(['Credit note KOPA-2026-0008 for 2026-10 has been issued, amount -12.10 EUR.']);
  });
});

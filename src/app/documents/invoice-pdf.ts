import { formatQuantity, type Invoice, type Party } from '../../domain/billing/invoice.js';
import { formatCents, formatDecimalLv } from '../../domain/money.js';
import { dateLv, type PdfContent, type PdfDocument } from './pdf.js';

const euro = (cents: bigint) => `${formatDecimalLv(formatCents(cents))} EUR`;
const number = (text: string) => formatDecimalLv(formatQuantity(text));
const date = dateLv;

function partyBlock(title: string, p: Party): PdfContent {
  return {
    stack: [
      { text: title, style: 'small' },
      { text: p.name, bold: true },
      ...(p.address ? [`${p.address.street}, ${p.address.city}, ${p.address.postalCode}`] : []),
      `Reģ. Nr. ${p.registrationNumber}`,
      ...(p.vatNumber ? [`PVN Nr. ${p.vatNumber}`] : []),
      { text: `Peppol: ${p.endpoint.scheme}:${p.endpoint.id}`, style: 'small' },
    ],
  };
}

/** The invoice or credit note as a Latvian PDF: what the UBL file says, for people. */
export function invoiceDocument(invoice: Invoice): PdfDocument {
  const credit = invoice.kind === 'credit_note';
  const vat = invoice.totals.vat[0]!;
  const title = credit ? 'Kredītrēķins' : 'Rēķins';
  return {
    info: { title: `${title} ${invoice.number}`, author: invoice.seller.name, subject: `${invoice.period.start} – ${invoice.period.end}` },
    language: 'lv-LV',
    footer: (page, pages) => ({ text: `${invoice.number} · ${page}. lpp. no ${pages}`, alignment: 'center', style: 'small', margin: [0, 20, 0, 0] }),
    content: [
      { text: `${title} Nr. ${invoice.number}`, style: 'title' },
      {
        text: [`Datums: ${date(invoice.issueDate)}`, credit ? '' : ` · Apmaksāt līdz: ${date(invoice.dueDate)}`, ` · Periods: ${date(invoice.period.start)} – ${date(invoice.period.end)}`].join(''),
        style: 'subtitle',
      },
      ...(invoice.corrects ? [{ text: `Labo rēķinu Nr. ${invoice.corrects.number} (${date(invoice.corrects.issueDate)}).`, margin: [0, 0, 0, 10] }] : []),
      { columns: [partyBlock('Piegādātājs', invoice.seller), partyBlock('Saņēmējs', invoice.buyer)], columnGap: 20, margin: [0, 0, 0, 8] },
      { text: `Pircēja atsauce: ${invoice.buyerReference}`, margin: [0, 0, 0, 12] },
      {
        table: {
          headerRows: 1,
          widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto'],
          body: [
            ['Nr.', 'Apraksts', 'Daudzums', 'Mērv.', 'Cena', 'Summa'].map((h) => ({ text: h, style: 'tableHeader' })),
            ...invoice.lines.map((l) => [
              l.id,
              { stack: [l.description, ...(l.note ? [{ text: l.note, style: 'small' }] : [])] },
              { text: number(l.quantity), alignment: 'right' },
              l.unitCode,
              { text: number(l.unitPrice), alignment: 'right' },
              { text: euro(l.netCents), alignment: 'right' },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        margin: [0, 12, 0, 0],
        table: {
          widths: ['*', 'auto'],
          body: [
            ['Summa bez PVN', { text: euro(invoice.totals.taxExclusiveCents), alignment: 'right' }],
            [vat.category === 'E' ? `PVN 0 % (${vat.exemptionReason ?? 'atbrīvots'})` : `PVN ${number(vat.ratePercent)} %`, { text: euro(invoice.totals.taxCents), alignment: 'right' }],
            [{ text: credit ? 'Kopā kreditēts' : 'Kopā apmaksai', bold: true }, { text: euro(invoice.totals.payableCents), alignment: 'right', bold: true }],
          ],
        },
        layout: 'noBorders',
      },
      { text: invoice.paymentTerms, margin: [0, 16, 0, 4] },
      { text: `Maksājuma saņēmējs: ${invoice.seller.name}, IBAN ${invoice.seller.iban}${invoice.seller.bic ? `, BIC ${invoice.seller.bic}` : ''}. Maksājuma mērķī norādiet ${invoice.number}.` },
      ...invoice.notes.map((n) => ({ text: n, style: 'small', margin: [0, 6, 0, 0] })),
      { text: 'Rēķins sagatavots elektroniski un derīgs bez paraksta. Strukturētais e-rēķins (Peppol BIS Billing 3.0) ir pievienots atsevišķi.', style: 'small', margin: [0, 16, 0, 0] },
    ],
  };
}

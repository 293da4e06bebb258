import { renderExplanation } from '../../domain/billing/explanation.js';
import { formatQuantity, type Invoice, type Party } from '../../domain/billing/invoice.js';
import { formatDate, formatNumber, LANGUAGE_TAGS, type Language } from '../../domain/locale.js';
import { formatCents } from '../../domain/money.js';
import { unitWord } from '../../domain/billing/unit-words.js';
import type { PdfContent, PdfDocument } from './pdf.js';
import { PDF_TEXTS, type PdfTexts } from './pdf-texts.js';

function partyBlock(title: string, p: Party, t: PdfTexts['invoice']): PdfContent {
  return {
    stack: [
      { text: title, style: 'small' },
      { text: p.name, bold: true },
      ...(p.address ? [`${p.address.street}, ${p.address.city}, ${p.address.postalCode}`] : []),
      `${t.registration} ${p.registrationNumber}`,
      ...(p.vatNumber ? [`${t.vatNumber} ${p.vatNumber}`] : []),
      { text: `Peppol: ${p.endpoint.scheme}:${p.endpoint.id}`, style: 'small' },
    ],
  };
}

/**
 * The invoice or credit note as a PDF in the reader's language: what the UBL file says, for people.
 * Texts the invoice keeps as codes (explanations, UN/ECE unit codes) are written in that language; an older invoice, kept with its
 * Latvian texts only, shows those.
 */
export function invoiceDocument(invoice: Invoice, language: Language = 'lv'): PdfDocument {
  const t = PDF_TEXTS[language].invoice;
  const euro = (cents: bigint) => `${formatNumber(formatCents(cents), language)} EUR`;
  const number = (text: string) => formatNumber(formatQuantity(text), language);
  const date = (text: string) => formatDate(text, language);
  const say = renderExplanation;
  const credit = invoice.kind === 'credit_note';
  const vat = invoice.totals.vat[0]!;
  const title = t.title(credit);
  const explained = invoice.explained;
  const exemption = explained?.exemptionReason ? say(explained.exemptionReason, language) : (vat.exemptionReason ?? t.exempt);
  const notes = explained ? explained.notes.map((n) => say(n, language)) : invoice.notes;
  return {
    info: { title: `${title} ${invoice.number}`, author: invoice.seller.name, subject: `${invoice.period.start} – ${invoice.period.end}` },
    language: LANGUAGE_TAGS[language],
    footer: (page, pages) => ({ text: `${invoice.number} · ${PDF_TEXTS[language].page(page, pages)}`, alignment: 'center', style: 'small', margin: [0, 20, 0, 0] }),
    content: [
      { text: t.numbered(title, invoice.number), style: 'title' },
      {
        text: [`${t.date}: ${date(invoice.issueDate)}`, credit ? '' : ` · ${t.due}: ${date(invoice.dueDate)}`, ` · ${t.period}: ${date(invoice.period.start)} – ${date(invoice.period.end)}`].join(''),
        style: 'subtitle',
      },
      ...(invoice.corrects ? [{ text: t.corrects(invoice.corrects.number, date(invoice.corrects.issueDate)), margin: [0, 0, 0, 10] }] : []),
      { columns: [partyBlock(t.seller, invoice.seller, t), partyBlock(t.buyer, invoice.buyer, t)], columnGap: 20, margin: [0, 0, 0, 8] },
      { text: `${t.buyerReference}: ${invoice.buyerReference}`, margin: [0, 0, 0, 12] },
      {
        table: {
          headerRows: 1,
          widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto'],
          body: [
            t.columns.map((h) => ({ text: h, style: 'tableHeader' })),
            ...invoice.lines.map((l) => {
              const note = l.explanation ? say(l.explanation, language) : l.note;
              return [
                l.id,
                { stack: [l.description, ...(note ? [{ text: note, style: 'small' }] : [])] },
                { text: number(l.quantity), alignment: 'right' },
                unitWord(l.unitCode, language),
                { text: number(l.unitPrice), alignment: 'right' },
                { text: euro(l.netCents), alignment: 'right' },
              ];
            }),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        margin: [0, 12, 0, 0],
        table: {
          widths: ['*', 'auto'],
          body: [
            [t.net, { text: euro(invoice.totals.taxExclusiveCents), alignment: 'right' }],
            [vat.category === 'E' ? t.vatExempt(exemption) : t.vat(number(vat.ratePercent)), { text: euro(invoice.totals.taxCents), alignment: 'right' }],
            [{ text: credit ? t.totalCredited : t.totalPayable, bold: true }, { text: euro(invoice.totals.payableCents), alignment: 'right', bold: true }],
          ],
        },
        layout: 'noBorders',
      },
      { text: explained ? say(explained.paymentTerms, language) : invoice.paymentTerms, margin: [0, 16, 0, 4] },
      { text: t.payee(invoice.seller.name, `IBAN ${invoice.seller.iban}${invoice.seller.bic ? `, BIC ${invoice.seller.bic}` : ''}`, invoice.number) },
      ...notes.map((n) => ({ text: n, style: 'small', margin: [0, 6, 0, 0] })),
      { text: t.electronic, style: 'small', margin: [0, 16, 0, 0] },
    ],
  };
}

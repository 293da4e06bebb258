import { renderExplanation } from '../../domain/billing/explanation.js';
import { formatDate, formatNumber, LANGUAGE_TAGS, localName, type Language } from '../../domain/locale.js';
import type { StatementView } from '../billing/read-billing-runs.js';
import type { PdfContent, PdfDocument } from './pdf.js';
import { PDF_TEXTS } from './pdf-texts.js';

const right = (text: string): PdfContent => ({ text, alignment: 'right' });

export interface StatementDocumentInput {
  month: string;
  statement: StatementView;
  invoiceNumbers: string[];
  /** Local date `YYYY-MM-DD`. */
  generatedOn: string;
  /** The reader's language; Latvian when not given. */
  language?: Language | undefined;
}

/**
 * A municipality's monthly cost statement in the reader's language: every line with the figures
 * that explain it, the totals, the invoices it was billed on, and the rules it was computed by.
 */
export function statementDocument({ month, statement: s, invoiceNumbers, generatedOn, language = 'lv' }: StatementDocumentInput): PdfDocument {
  const t = PDF_TEXTS[language].statement;
  const number = (text: string) => formatNumber(text, language);
  const euro = (amount: string) => `${number(amount)} EUR`;
  const hosting = s.lines.filter((l) => l.kind === 'hosting');
  const administration = s.lines.filter((l) => l.kind === 'administration');
  const section = (title: string, lines: StatementView['lines'], quantityColumns: boolean): PdfContent[] =>
    lines.length === 0
      ? []
      : [
          { text: title, style: 'heading' },
          {
            table: {
              headerRows: 1,
              widths: quantityColumns ? ['*', 'auto', 'auto', 'auto'] : ['*', 'auto'],
              body: [
                (quantityColumns ? t.hostingColumns : t.administrationColumns).map((h) => ({ text: h, style: 'tableHeader' })),
                ...lines.map((l) => [
                  { stack: [localName({ lv: l.description, en: l.descriptionEn }, language), { text: renderExplanation(l.structuredExplanation, language), style: 'small' }] },
                  ...(quantityColumns ? [right(`${number(l.quantity)} ${l.unit}`), right(number(l.unitPrice))] : []),
                  right(euro(l.amount)),
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
          },
        ];
  return {
    info: { title: `${t.subject(month)} — ${s.tenantName}`, author: 'Kopa', subject: t.subject(month) },
    language: LANGUAGE_TAGS[language],
    footer: (page, pages) => ({ text: `${s.tenantName} · ${month} · ${PDF_TEXTS[language].page(page, pages)}`, alignment: 'center', style: 'small', margin: [0, 20, 0, 0] }),
    content: [
      { text: t.title(month), style: 'title' },
      { text: t.prepared(s.tenantName, formatDate(generatedOn, language)), style: 'subtitle' },
      ...section(t.hostingHeading, hosting, true),
      ...section(t.administrationHeading, administration, false),
      {
        margin: [0, 12, 0, 0],
        table: {
          widths: ['*', 'auto'],
          body: [
            [t.net, right(euro(s.net))],
            [t.vat(number(s.vatRate)), right(euro(s.vat))],
            [{ text: t.total, bold: true }, { text: euro(s.total), alignment: 'right', bold: true }],
            ...(s.previousMonth ? [[{ text: t.previousTotal, style: 'small' }, { text: euro(s.previousMonth.total), alignment: 'right', style: 'small' }]] : []),
          ],
        },
        layout: 'noBorders',
      },
      { text: invoiceNumbers.length > 0 ? t.invoices(invoiceNumbers.join(', ')) : t.notInvoiced, margin: [0, 12, 0, 0] },
      { text: t.howHeading, style: 'heading' },
      { ul: t.rules, style: 'small' },
    ],
  };
}

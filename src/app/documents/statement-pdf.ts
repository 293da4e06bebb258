import { formatDecimalLv } from '../../domain/money.js';
import type { StatementView } from '../billing/read-billing-runs.js';
import { dateLv, type PdfContent, type PdfDocument } from './pdf.js';

const grouped = formatDecimalLv;
const euro = (amount: string) => `${grouped(amount)} EUR`;
const right = (text: string): PdfContent => ({ text, alignment: 'right' });

export interface StatementDocumentInput {
  month: string;
  statement: StatementView;
  invoiceNumbers: string[];
  /** Local date `YYYY-MM-DD`. */
  generatedOn: string;
}

/**
 * A municipality's monthly cost statement in Latvian: every line with the figures that explain it,
 * the totals, the invoices it was billed on, and the rules it was computed by (DESIGN.md).
 */
export function statementDocument({ month, statement: s, invoiceNumbers, generatedOn }: StatementDocumentInput): PdfDocument {
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
                (quantityColumns ? ['Pozīcija un skaidrojums', 'Daudzums', 'Cena, EUR', 'Summa'] : ['Izmaksu fonds un daļas aprēķins', 'Summa']).map((h) => ({ text: h, style: 'tableHeader' })),
                ...lines.map((l) => [
                  { stack: [l.description, { text: l.explanation, style: 'small' }] },
                  ...(quantityColumns ? [right(`${grouped(l.quantity)} ${l.unit}`), right(grouped(l.unitPrice))] : []),
                  right(euro(l.amount)),
                ]),
              ],
            },
            layout: 'lightHorizontalLines',
          },
        ];
  return {
    info: { title: `Izmaksu pārskats ${month} — ${s.tenantName}`, author: 'Kopa', subject: `Izmaksu pārskats ${month}` },
    language: 'lv-LV',
    footer: (page, pages) => ({ text: `${s.tenantName} · ${month} · ${page}. lpp. no ${pages}`, alignment: 'center', style: 'small', margin: [0, 20, 0, 0] }),
    content: [
      { text: `Izmaksu pārskats par ${month}`, style: 'title' },
      { text: `${s.tenantName} · sagatavots ${dateLv(generatedOn)}`, style: 'subtitle' },
      ...section('Hostings pēc izmantotā apjoma', hosting, true),
      ...section('Administrēšanas izmaksas', administration, false),
      {
        margin: [0, 12, 0, 0],
        table: {
          widths: ['*', 'auto'],
          body: [
            ['Summa bez PVN', right(euro(s.net))],
            [`PVN ${grouped(s.vatRate)} %`, right(euro(s.vat))],
            [{ text: 'Kopā', bold: true }, { text: euro(s.total), alignment: 'right', bold: true }],
            ...(s.previousMonth ? [[{ text: 'Iepriekšējā mēnesī kopā', style: 'small' }, { text: euro(s.previousMonth.total), alignment: 'right', style: 'small' }]] : []),
          ],
        },
        layout: 'noBorders',
      },
      { text: invoiceNumbers.length > 0 ? `Rēķini: ${invoiceNumbers.join(', ')}.` : 'Rēķins vēl nav izrakstīts.', margin: [0, 12, 0, 0] },
      { text: 'Kā aprēķināts', style: 'heading' },
      {
        ul: [
          'Hostings: katrai (piegādātājs, resurss, vienības cena) rindai Σ daudzums × cena, noapaļots līdz centam (pusi uz augšu); katru ierakstu cenojot ar tarifu, kas bija spēkā tā perioda sākuma dienā (Rīgas laikā).',
          'Administrēšana: katru mēneša izmaksu fondu sadala starp pašvaldībām ar spēkā esošu līgumu pēc fonda rādītāja (pēc noklusējuma aktīvo lietotāju skaits — mēneša pēdējā paziņotā vērtība). Katru daļu noapaļo uz leju līdz centam; atlikušos centus pa vienam piešķir lielākajām atlikuma daļām. Daļas kopā vienmēr ir tieši fonda summa.',
          'PVN = summa bez PVN × likme, noapaļots līdz centam; kopā = summa bez PVN + PVN.',
        ],
        style: 'small',
      },
    ],
  };
}

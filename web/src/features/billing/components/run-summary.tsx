import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { formatDecimal, formatMoney } from '../money';
import type { Run } from '../queries';

type Figures = Run['summary']['total'];

/** "+12,50 EUR" / "−3,00 EUR": the sign says the direction, not a colour. */
const signed = (value: string, text: string) => (value.startsWith('-') || /^0(\.0+)?$/.test(value) ? text : `+${text}`);

function ChangeCells({ f }: { f: Figures }) {
  const { t } = useTranslation();
  return (
    <>
      <td className="num nowrap">{f.change === null ? <span className="muted">{t('billing.noPrevious')}</span> : signed(f.change, formatMoney(f.change))}</td>
      <td className="num nowrap">{f.changePercent === null ? <span className="muted"><span aria-hidden="true">—</span><span className="visually-hidden">{t('billing.noPercent')}</span></span> : signed(f.changePercent, `${formatDecimal(f.changePercent, 1)}\u00a0%`)}</td>
    </>
  );
}

/**
 * The run at a glance, before the statements: a row per municipality in the order its invoices are
 * (or will be) numbered, each linking to its statement below, and the grand total.
 */
export function RunSummary({ run }: { run: Run }) {
  const { t } = useTranslation();
  const { rows, total } = run.summary;
  if (rows.length === 0) return null;
  return (
    <section className="section" aria-labelledby="run-summary-title">
      <h2 id="run-summary-title">{t('billing.summaryTitle')}</h2>
      <p className="muted">{t('billing.summaryHint')}</p>
      <DataTable caption={t('billing.summaryCaption', { month: run.month })} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t('billing.municipality')}</th>
            <th scope="col" className="num">{t('billing.summaryHosting')}</th>
            <th scope="col" className="num">{t('billing.summaryAdministration')}</th>
            <th scope="col" className="num">{t('billing.summaryNet')}</th>
            <th scope="col" className="num">{t('billing.summaryVat')}</th>
            <th scope="col" className="num">{t('billing.total')}</th>
            <th scope="col" className="num">{t('billing.summaryChange')}</th>
            <th scope="col" className="num">{t('billing.summaryChangePercent')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.tenantId}>
              <th scope="row">
                <a href={`#statement-${r.tenantId}`}>{r.tenantName}</a>
              </th>
              <td className="num nowrap">{formatMoney(r.hosting)}</td>
              <td className="num nowrap">{formatMoney(r.administration)}</td>
              <td className="num nowrap">{formatMoney(r.net)}</td>
              <td className="num nowrap">{formatMoney(r.vat)}</td>
              <td className="num nowrap">{formatMoney(r.total)}</td>
              <ChangeCells f={r} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('billing.summaryGrandTotal')}</th>
            <td className="num nowrap">{formatMoney(total.hosting)}</td>
            <td className="num nowrap">{formatMoney(total.administration)}</td>
            <td className="num nowrap">{formatMoney(total.net)}</td>
            <td className="num nowrap">{formatMoney(total.vat)}</td>
            <td className="num nowrap">
              <strong>{formatMoney(total.total)}</strong>
            </td>
            <ChangeCells f={total} />
          </tr>
        </tfoot>
      </DataTable>
    </section>
  );
}

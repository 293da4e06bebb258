import { useTranslation } from 'react-i18next';
import { formatMoney } from '../money';
import type { MonthFigures } from '../statement-figures';
import { SeriesChart } from '../../../components/series-chart';

/** A month's four amounts, or null when it has no statement (MonthFigures has all or none). */
function amounts(r: MonthFigures): string[] | null {
  return r.hosting !== null && r.administration !== null && r.net !== null && r.total !== null ? [r.hosting, r.administration, r.net, r.total] : null;
}

/** Costs by month, hosting and administration stacked, with the exact amounts as a table. */
export function CostChart({ title, rows }: { title: string; rows: MonthFigures[] }) {
  const { t } = useTranslation();
  const hosting = t('billing.lineKinds.hosting');
  const administration = t('billing.lineKinds.administration');
  // Numbers for the bars' heights only; every amount shown as text comes from the API's strings.
  // A month without a statement stays an empty place, not a bar at zero.
  const height = (value: string | null) => (value === null ? null : Number(value));
  return (
    <SeriesChart
      title={title}
      tableToggle={t('billing.chartTable')}
      chart={{
        kind: 'bar',
        stacked: true,
        yAxisName: 'EUR',
        categories: rows.map((r) => r.month),
        series: [
          { name: hosting, values: rows.map((r) => height(r.hosting)) },
          { name: administration, values: rows.map((r) => height(r.administration)) },
        ],
      }}
      table={{
        categoryHeader: t('billing.month'),
        columns: [hosting, administration, t('billing.net'), t('billing.total')],
        rows: rows.map((r) => amounts(r)?.map((a) => formatMoney(a)) ?? t('billing.noStatementShort')),
      }}
    />
  );
}

import { useTranslation } from 'react-i18next';
import type { MonthStatement } from '../queries';
import { formatMoney } from '../money';
import { resourceCosts } from '../resource-costs';
import { SeriesChart } from '../../../components/series-chart';

/** Costs by resource: one stacked bar per month, a part for each hosting line and one for administration. */
export function ResourceCostChart({ title, months }: { title: string; months: MonthStatement[] }) {
  const { t } = useTranslation();
  const costs = resourceCosts(months);
  const administration = t('billing.lineKinds.administration');
  // Numbers for the bars' heights only; the table shows the exact amounts.
  // A month without a statement stays an empty place; in a month with one, an unused resource is zero.
  const height = (m: (typeof costs.months)[number], value: string | undefined) => (m.figures ? Number(value ?? 0) : null);
  const columns = [...costs.descriptions, administration, t('billing.net')];
  return (
    <SeriesChart
      title={title}
      tableToggle={t('billing.chartTable')}
      chart={{
        kind: 'bar',
        stacked: true,
        yAxisName: 'EUR',
        categories: costs.months.map((m) => m.month),
        series: [
          ...costs.descriptions.map((name, i) => ({ name, values: costs.months.map((m) => height(m, m.figures?.hosting[i])) })),
          { name: administration, values: costs.months.map((m) => height(m, m.figures?.administration)) },
        ],
      }}
      table={{
        categoryHeader: t('billing.month'),
        columns,
        rows: costs.months.map(({ figures }) => (figures ? [...figures.hosting, figures.administration, figures.net].map((amount) => formatMoney(amount)) : t('billing.noStatementShort'))),
      }}
    />
  );
}

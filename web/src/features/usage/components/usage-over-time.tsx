import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResources, type BillingResource } from '../../billing/queries';
import { useMonthlyUsage, type MonthlyUsage } from '../queries';
import { formatDecimal } from '../../billing/money';
import { resourceChoices, usageSeries, usedResources } from '../usage-series';
import { AsyncSection } from '../../../components/async-section';
import { SelectField } from '../../../components/fields';
import { SeriesChart } from '../../../components/series-chart';

/** A municipality's usage of one resource (picked by the person) month by month, a line per provider. */
export function UsageOverTime({ tenantId, months }: { tenantId: string; months: string[] }) {
  const from = months[0] ?? '';
  const to = months.at(-1) ?? '';
  const resources = useResources();
  const usage = useMonthlyUsage(tenantId, from, to);
  return (
    <AsyncSection resource={resources}>
      {(list) => <AsyncSection resource={usage}>{(rows) => <UsageChooser resources={resourceChoices(list)} rows={rows} months={months} />}</AsyncSection>}
    </AsyncSection>
  );
}

function UsageChooser({ resources, rows, months }: { resources: BillingResource[]; rows: MonthlyUsage[]; months: string[] }) {
  const { t } = useTranslation();
  const used = usedResources(rows);
  const [chosen, setChosen] = useState<string | null>(null);
  const range = { from: months[0], to: months.at(-1) };
  if (used.size === 0) return <p>{t('usage.noneInPeriod', range)}</p>;

  const code = chosen ?? resources.find((r) => used.has(r.code))?.code ?? '';
  const resource = resources.find((r) => r.code === code);
  const series = usageSeries(rows, code, months);
  return (
    <>
      <SelectField
        id="usage-resource"
        label={t('billing.resource')}
        value={code}
        onChange={(e) => setChosen(e.target.value)}
        options={resources.map((r) => ({ value: r.code, label: used.has(r.code) ? r.name : t('usage.resourceUnused', { name: r.name }) }))}
      />
      {resource && series.providers.length > 0 ? (
        <>
          <SeriesChart
            title={t('usage.overTimeChart', { resource: resource.name, ...range })}
            chart={{
              kind: 'line',
              stacked: false,
              yAxisName: resource.unit,
              categories: months,
              // Heights only: a month without usage records is a gap in the line and "—" in the table, not a zero.
              series: series.providers.map((provider, p) => ({ name: provider, values: series.quantities[p]!.map((q) => (q ? Number(q) : null)) })),
            }}
            table={{
              categoryHeader: t('billing.month'),
              columns: series.providers.map((provider) => t('usage.quantityOf', { provider, unit: resource.unit })),
              rows: months.map((_, m) => series.quantities.map((q) => (q[m] ? formatDecimal(q[m]) : t('usage.noUsage')))),
            }}
            tableToggle={t('usage.tableToggle')}
          />
          <p className="chart-note">{t('usage.noUsageNote')}</p>
        </>
      ) : (
        <p>{t('usage.resourceNoneInPeriod', { resource: resource?.name ?? code, ...range })}</p>
      )}
    </>
  );
}

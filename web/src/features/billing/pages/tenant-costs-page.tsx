import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { CostChart } from '../components/cost-chart';
import { SelectField } from '../../../components/fields';
import { InvoiceTable } from '../components/invoice-table';
import { MonthStatement } from '../components/month-statement';
import { PageHeading } from '../../../components/page-heading';
import { ResourceCostChart } from '../components/resource-cost-chart';
import { UsageOverTime } from '../../usage/components/usage-over-time';
import { lastEndedMonth, monthsUpTo } from '../money';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { monthFigures } from '../statement-figures';
import { useTenant } from '../../municipalities/queries';
import { useStatements, useTenantInvoices } from '../queries';

/**
 * A municipality's invoices and costs: 12 months of statements as charts (by month, by resource),
 * each month's statement, the usage over the same months and the documents.
 */
export function TenantCostsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser();
  const months = monthsUpTo(lastEndedMonth(), 12);
  const tenant = useTenant(id);
  const statements = useStatements(id, months);
  const invoices = useTenantInvoices(id);
  const [chosen, setChosen] = useState<string | null>(null);
  const name = tenant.data?.name ?? '';
  const title = t('billing.costsTitle');
  const range = { from: months[0], to: months.at(-1) };

  return (
    <>
      <Breadcrumbs items={[{ label: name || t('common.loadingShort'), to: `/municipalities/${id}` }, { label: title }]} />
      <PageHeading title={title} documentTitle={name ? `${title} — ${name}` : title}>
        <p className="lead">{t('billing.costsIntro', { name })}</p>
      </PageHeading>
      <AsyncSection resource={statements}>
        {(list) => {
          const withStatement = list.filter((m) => m.statement !== null);
          const month = chosen ?? withStatement.at(-1)?.month ?? list.at(-1)?.month ?? '';
          const entry = list.find((m) => m.month === month);
          return (
            <>
              <section className="section" aria-labelledby="costs-chart-title">
                <h2 id="costs-chart-title">{t('billing.costsByMonth')}</h2>
                <CostChart title={t('billing.chartTitle', range)} rows={monthFigures(list)} />
              </section>
              <section className="section" aria-labelledby="costs-resource-title">
                <h2 id="costs-resource-title">{t('billing.costsByResource')}</h2>
                <ResourceCostChart title={t('billing.resourceChartTitle', range)} months={list} />
              </section>
              <section className="section" aria-labelledby="statement-title">
                <h2 id="statement-title">{t('billing.statementTitle')}</h2>
                <SelectField
                  id="statement-month"
                  label={t('billing.month')}
                  value={month}
                  onChange={(e) => setChosen(e.target.value)}
                  options={[...list].reverse().map((m) => ({ value: m.month, label: m.statement ? m.month : `${m.month} — ${t('billing.noStatementShort')}` }))}
                  className="field-short"
                />
                {entry && <MonthStatement entry={entry} invoices={invoices.data ?? []} tenantName={name} />}
              </section>
            </>
          );
        }}
      </AsyncSection>
      {/* Usage loads on its own, beside the statements: a failure of one leaves the other readable. */}
      {can(user, 'usage.read') && (
        <section className="section" aria-labelledby="usage-time-title">
          <h2 id="usage-time-title">{t('usage.overTimeTitle')}</h2>
          <UsageOverTime tenantId={id} months={months} />
        </section>
      )}
      <section className="section" aria-labelledby="invoices-title">
        <h2 id="invoices-title">{t('billing.invoicesTitle')}</h2>
        <AsyncSection resource={invoices}>
          {(list) => (list.length === 0 ? <p>{t('billing.noInvoices')}</p> : <InvoiceTable invoices={list} caption={t('billing.tenantInvoicesCaption', { name })} />)}
        </AsyncSection>
      </section>
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentBillingRuns, type Forecast, type RunSummary } from '../queries';
import { AsyncSection } from '../../../components/async-section';
import { DEFAULT_SCENARIO, ForecastForm } from '../components/forecast-form';
import { ForecastView } from '../components/forecast-view';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';

/** The latest month whose billing is final: the most meaningful base for a forecast. */
function lastFinalizedMonth(runs: RunSummary[]): string {
  return runs.filter((r) => r.status === 'finalized').reduce((latest, r) => (r.month > latest ? r.month : latest), '');
}

/** The agency's cost outlook: a scenario of growth and prices, and what each municipality would pay. */
export function ForecastPage() {
  const { t } = useTranslation();
  const runs = useCurrentBillingRuns();
  const [forecast, setForecast] = useState<Forecast | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <>
      <PageHeading title={t('forecast.title')}>
        <p className="lead">{t('forecast.intro')}</p>
      </PageHeading>
      <AsyncSection resource={runs}>{(list) => <ForecastForm initial={{ ...DEFAULT_SCENARIO, baseMonth: lastFinalizedMonth(list) }} onResult={setForecast} onBusy={setBusy} />}</AsyncSection>
      <p role="status" className="visually-hidden">
        {forecast && !busy ? t('forecast.ready', { month: forecast.baseMonth, count: forecast.scenario.years }) : ''}
      </p>
      <div aria-busy={busy} className="async">
        {busy && forecast === null && <Loading label={t('forecast.computing')} />}
        {forecast && <ForecastView forecast={forecast} />}
      </div>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { formatInstant } from '../../../format';
import { lastEndedMonth } from '../../billing/money';
import { useRecentBillingRuns } from '../queries';
import { HomeCard } from './home-card';

/**
 * Month-end: draft runs to review and finalise, and last month's run when none was made yet.
 */
export function MonthEndCard() {
  const { t } = useTranslation();
  const runs = useRecentBillingRuns();
  const month = lastEndedMonth();
  return (
    <HomeCard id="month-end" title={t('home.monthEnd.title')} link={{ to: '/billing/runs', label: t('home.monthEnd.all') }}>
      <AsyncSection resource={runs}>
        {(list) => {
          const drafts = list.filter((run) => run.status === 'draft');
          const lastMonthDone = list.some((run) => run.month === month && run.kind === 'regular');
          return (
            <ul className="home-list">
              {drafts.map((run) => (
                <li key={run.id}>
                  <Link to={`/billing/runs/${run.id}`}>{t('home.monthEnd.review', { month: run.month })}</Link>
                  <span className="home-why">
                    {t('home.monthEnd.computed', { at: formatInstant(run.computedAt) })}
                    {run.problems.length > 0 && ` · ${t('home.monthEnd.problems', { count: run.problems.length })}`}
                  </span>
                </li>
              ))}
              {!lastMonthDone && (
                <li>
                  <Link to="/billing/runs">{t('home.monthEnd.start', { month })}</Link>
                </li>
              )}
              {drafts.length === 0 && lastMonthDone && <li>{t('home.monthEnd.none', { month })}</li>}
            </ul>
          );
        }}
      </AsyncSection>
    </HomeCard>
  );
}

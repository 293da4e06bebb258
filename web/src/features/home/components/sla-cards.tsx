import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { monthName } from '../../../calendar-format';
import { AsyncSection } from '../../../components/async-section';
import { usePendingSlaReports, type PendingSlaReport } from '../queries';
import { HomeCard } from './home-card';

/** Months linked per municipality; older ones are counted (the report page steps back month by month). */
const MONTHS_SHOWN = 3;

/** Groups the newest-first list by municipality, in name order, each keeping its months newest first. */
function byMunicipality(items: readonly PendingSlaReport[]) {
  const groups = new Map<string, { tenantId: string; tenantName: string; months: string[] }>();
  for (const item of items) {
    const group = groups.get(item.tenantId) ?? { tenantId: item.tenantId, tenantName: item.tenantName, months: [] };
    group.months.push(item.month);
    groups.set(item.tenantId, group);
  }
  return [...groups.values()].sort((a, b) => a.tenantName.localeCompare(b.tenantName, 'lv'));
}

/**
 * Month-end in availability: each municipality's ended months with no published report, every one
 * a link to the report, where operators publish it.
 */
export function SlaReportsToPublishCard() {
  const { t } = useTranslation();
  const pending = usePendingSlaReports();
  const monthTitle = (month: string) => t('calendar.monthTitle', { month: monthName(month), year: month.slice(0, 4) });
  return (
    <HomeCard id="sla-pending" title={t('home.slaPending.title')} link={{ to: '/sla-report', label: t('home.slaPending.all') }}>
      <AsyncSection resource={pending}>
        {({ items, more }) =>
          items.length === 0 ? (
            <p>{t('home.slaPending.none')}</p>
          ) : (
            <>
              <p>{t('home.slaPending.summary', { count: items.length })}</p>
              <ul className="home-list">
                {byMunicipality(items).map((group) => (
                  <li key={group.tenantId}>
                    <span className="home-item">{group.tenantName}</span>
                    <span className="home-why">
                      {group.months.slice(0, MONTHS_SHOWN).map((month, i) => (
                        <span key={month}>
                          {i > 0 && ', '}
                          <Link to={`/municipalities/${group.tenantId}/sla-reports/${month}`} aria-label={t('home.slaPending.open', { name: group.tenantName, month: monthTitle(month) })}>
                            {monthTitle(month)}
                          </Link>
                        </span>
                      ))}
                      {group.months.length > MONTHS_SHOWN && ` ${t('home.slaPending.earlier', { count: group.months.length - MONTHS_SHOWN })}`}
                    </span>
                  </li>
                ))}
                {more && <li>{t('home.slaPending.more')}</li>}
              </ul>
            </>
          )
        }
      </AsyncSection>
    </HomeCard>
  );
}

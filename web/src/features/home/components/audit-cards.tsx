import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { formatInstant } from '../../../format';
import { useChainCheck, useRecentAudit } from '../queries';
import { HomeCard } from './home-card';

/** Whether the audit log's hash chain is whole, checked when the page opens. */
export function ChainCard() {
  const { t } = useTranslation();
  const check = useChainCheck();
  return (
    <HomeCard id="chain" title={t('home.chain.title')} link={{ to: '/audit', label: t('home.chain.log') }}>
      <AsyncSection resource={check}>
        {(result) =>
          result.ok ? (
            <p>
              <span aria-hidden="true">✓ </span>
              {t('home.chain.ok', { count: result.checked })}
            </p>
          ) : (
            <p className="home-breached">
              <span aria-hidden="true">✕ </span>
              {t('home.chain.broken', { count: result.checked, first: result.problems[0]?.seq ?? '' })}
            </p>
          )
        }
      </AsyncSection>
    </HomeCard>
  );
}

/** The last few entries of the audit log. */
export function RecentAuditCard() {
  const { t } = useTranslation();
  const events = useRecentAudit();
  return (
    <HomeCard id="audit" title={t('home.audit.title')} link={{ to: '/audit', label: t('home.audit.all') }}>
      <AsyncSection resource={events}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('home.audit.none')}</p>
          ) : (
            <ul className="home-list">
              {list.map((event) => (
                <li key={event.id}>
                  <span className="home-item">{event.action}</span>
                  <span className="home-why">
                    {event.actorLabel} · {formatInstant(event.at)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </AsyncSection>
    </HomeCard>
  );
}

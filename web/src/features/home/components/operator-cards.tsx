import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { ServiceStateBadge } from '../../../components/service-state-badge';
import { formatInstant } from '../../../format';
import { useIncidents } from '../../status/queries';
import { useFailedOutbox, useTroubledMonitors } from '../queries';
import { HomeCard } from './home-card';

const SHOWN = 8;

/** Monitors that are down or unknown, and why: since when, and when the last result came. */
export function TroubledMonitorsCard() {
  const { t } = useTranslation();
  const monitors = useTroubledMonitors();
  return (
    <HomeCard id="monitors" title={t('home.monitors.title')} link={{ to: '/monitors', label: t('home.monitors.all') }}>
      <AsyncSection resource={monitors}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('home.monitors.none')}</p>
          ) : (
            <ul className="home-list">
              {list.slice(0, SHOWN).map((m) => (
                <li key={m.id}>
                  <Link to={`/monitors/${m.id}`}>{m.name}</Link> <ServiceStateBadge state={m.health.state} />
                  <span className="home-why">
                    {m.health.state === 'down'
                      ? t('home.monitors.downSince', { since: formatInstant(m.health.since) })
                      : m.health.lastCheckAt
                        ? t('home.monitors.noResultsSince', { at: formatInstant(m.health.lastCheckAt), locations: m.locations.join(', ') })
                        : t('home.monitors.neverChecked')}
                  </span>
                </li>
              ))}
              {list.length > SHOWN && <li>{t('home.more', { count: list.length - SHOWN })}</li>}
            </ul>
          )
        }
      </AsyncSection>
    </HomeCard>
  );
}

export function OpenIncidentsCard() {
  const { t } = useTranslation();
  const incidents = useIncidents(30);
  return (
    <HomeCard id="incidents" title={t('home.incidents.title')} link={{ to: '/incidents', label: t('home.incidents.all') }}>
      <AsyncSection resource={incidents}>
        {(list) => {
          const open = list.filter((i) => i.status !== 'resolved');
          return open.length === 0 ? (
            <p>{t('home.incidents.none')}</p>
          ) : (
            <ul className="home-list">
              {open.map((i) => (
                <li key={i.id}>
                  <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                  <span className="home-why">
                    {t(`incidentStatus.${i.status}`)} · {t('home.incidents.since', { since: formatInstant(i.startedAt) })}
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </AsyncSection>
    </HomeCard>
  );
}

/** Messages the outbox stopped trying to send. */
export function OutboxFailuresCard() {
  const { t } = useTranslation();
  const failed = useFailedOutbox();
  return (
    <HomeCard id="outbox" title={t('home.outbox.title')} link={{ to: '/outbox', label: t('outbox.title') }}>
      <AsyncSection resource={failed}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('home.outbox.none')}</p>
          ) : (
            <ul className="home-list">
              {list.map((m) => (
                <li key={m.id}>
                  <span className="home-item">{m.subject ?? m.event}</span>
                  <span className="home-why">
                    {m.recipient} · {formatInstant(m.createdAt)}
                    {m.lastError && ` · ${m.lastError}`}
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

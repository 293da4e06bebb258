import { useTranslation } from 'react-i18next';
import { localName } from '../../../local-name';
import type { PlatformStatus } from '../queries';
import { AvailabilityLegend } from './availability-legend';
import { HistoryComputing } from './history-computing';
import { IncidentCard } from './incident-card';
import { MaintenanceList } from './maintenance-list';
import { ServiceStatusItem } from './service-status-item';
import { StatusOverallBanner } from './status-overall-banner';

interface Props {
  status: PlatformStatus;
  /** Signed-in people may follow a service to its catalogue entry. */
  linkToServices: boolean;
}

/** A status page's body: the overall answer, active incidents, each service, planned maintenance. */
export function StatusBoard({ status, linkToServices }: Props) {
  const { t } = useTranslation();
  const names = new Map(status.services.map((s) => [s.id, localName(s.name)]));
  const serviceName = (id: string) => names.get(id) ?? null;
  const active = status.incidents.filter((i) => i.status !== 'resolved');
  const recent = status.incidents.filter((i) => i.status === 'resolved');
  // A first look after the server's start: states now, the 90 days still being computed.
  const computing = status.history === 'computing';

  return (
    <>
      <StatusOverallBanner status={status} />
      <section className="section" aria-labelledby="status-incidents">
        <h2 id="status-incidents">{t('status.activeIncidents')}</h2>
        {active.length === 0 ? <p>{t('status.noActiveIncidents')}</p> : active.map((i) => <IncidentCard key={i.id} incident={i} serviceName={serviceName} />)}
      </section>
      <section className="section" aria-labelledby="status-services">
        <h2 id="status-services">{t('status.services')}</h2>
        {computing ? (
          <HistoryComputing />
        ) : (
          <>
            <p className="muted">{t('status.barsIntro')}</p>
            <AvailabilityLegend />
          </>
        )}
        {status.services.length === 0 ? (
          <p>{t('status.noServices')}</p>
        ) : (
          <ul className="plain-list service-status-list">
            {status.services.map((s) => (
              <ServiceStatusItem key={s.id} service={s} linkToService={linkToServices} historyComputing={computing} />
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="status-maintenance">
        <h2 id="status-maintenance">{t('status.plannedMaintenance')}</h2>
        <MaintenanceList windows={status.maintenance} serviceName={serviceName} />
      </section>
      {recent.length > 0 && (
        <section className="section" aria-labelledby="status-recent">
          <h2 id="status-recent">{t('status.recentIncidents')}</h2>
          {recent.map((i) => (
            <IncidentCard key={i.id} incident={i} serviceName={serviceName} />
          ))}
        </section>
      )}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../status-format';
import { Link } from 'react-router-dom';
import { formatInstant } from '../../../format';
import { localName } from '../../../local-name';
import type { ServiceStatus } from '../queries';
import { AvailabilityBars } from './availability-bars';
import { DowntimeDays } from './downtime-days';
import { ServiceStateBadge } from '../../../components/service-state-badge';

interface Props {
  service: ServiceStatus;
  /** Links the name to the catalogue entry (for signed-in people). */
  linkToService: boolean;
  /** The 90 days are being computed (the page says so once): the state now only. */
  historyComputing?: boolean;
}

/** One service on a status page: its state now and its last 90 days. */
export function ServiceStatusItem({ service, linkToService, historyComputing = false }: Props) {
  const { t } = useTranslation();
  const name = localName(service.name);
  const headingId = `service-status-${service.id}`;
  return (
    <li className="service-status card">
      <div className="service-status-head">
        <h3 id={headingId} className="service-status-name">
          {linkToService ? <Link to={`/services/${service.id}`}>{name}</Link> : name} <span className="muted service-code">({service.code})</span>
          {service.critical && <span className="tag">{t('service.criticalTag')}</span>}
        </h3>
        <ServiceStateBadge state={service.state} />
      </div>
      {historyComputing ? service.monitors === 0 && <p className="muted service-status-since">{t('status.noMonitors')}</p> : <ServiceHistory service={service} name={name} />}
    </li>
  );
}

/** When the state now began, the uptime over the 90 days and the days themselves. */
function ServiceHistory({ service, name }: { service: ServiceStatus; name: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="muted service-status-since">
        {service.monitors === 0
          ? t('status.noMonitors')
          : service.since
            ? (
                <>
                  {t('status.since')} <time dateTime={service.since}>{formatInstant(service.since)}</time>
                </>
              )
            : t('status.sinceLong')}
      </p>
      <p className="service-status-uptime">
        <strong>{service.uptimePercent === null ? t('status.uptime90None') : t('status.uptime90', { value: formatPercent(t, service.uptimePercent) })}</strong>
      </p>
      <AvailabilityBars name={name} days={service.days} />
      <DowntimeDays name={name} days={service.days} />
    </>
  );
}

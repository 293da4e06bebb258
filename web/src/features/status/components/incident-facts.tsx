import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import type { Incident } from '../queries';
import { IncidentImpactBadge, IncidentStatusBadge } from './incident-badges';

interface Props {
  incident: Incident;
  /** Names a service by id; services the reader cannot see are left out. */
  serviceName: (id: string) => string | null;
}

/** An incident's status, impact, services and times. */
export function IncidentFacts({ incident, serviceName }: Props) {
  const { t } = useTranslation();
  const services = incident.serviceIds.map(serviceName).filter((name): name is string => name !== null);
  return (
    <>
      <p className="badge-row">
        <IncidentStatusBadge status={incident.status} />
        <IncidentImpactBadge impact={incident.impact} />
      </p>
      <dl className="details details-compact">
        <div>
          <dt>{t('incident.services')}</dt>
          <dd>{services.length > 0 ? services.join(', ') : t('common.notGiven')}</dd>
        </div>
        <div>
          <dt>{t('incident.startedAt')}</dt>
          <dd>
            <time dateTime={incident.startedAt}>{formatInstant(incident.startedAt)}</time>
          </dd>
        </div>
        {incident.resolvedAt && (
          <div>
            <dt>{t('incident.resolvedAt')}</dt>
            <dd>
              <time dateTime={incident.resolvedAt}>{formatInstant(incident.resolvedAt)}</time>
            </dd>
          </div>
        )}
      </dl>
    </>
  );
}

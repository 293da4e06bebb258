import { useTranslation } from 'react-i18next';
import type { Incident } from '../queries';
import { IncidentFacts } from './incident-facts';
import { IncidentUpdates } from './incident-updates';

interface Props {
  incident: Incident;
  serviceName: (id: string) => string | null;
}

/** One incident on a status page: what, how bad, which services, since when, and its updates. */
export function IncidentCard({ incident, serviceName }: Props) {
  const { t } = useTranslation();
  return (
    <article className={`card incident incident-${incident.impact}`} aria-labelledby={`incident-${incident.id}`}>
      <h3 id={`incident-${incident.id}`}>{incident.title}</h3>
      <IncidentFacts incident={incident} serviceName={serviceName} />
      <IncidentUpdates updates={incident.updates} label={t('incident.updatesOf', { title: incident.title })} />
    </article>
  );
}

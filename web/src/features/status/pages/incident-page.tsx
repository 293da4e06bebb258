import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { Flash } from '../../../components/flash';
import { IncidentFacts } from '../components/incident-facts';
import { IncidentUpdateForm } from '../components/incident-update-form';
import { IncidentUpdates } from '../components/incident-updates';
import { PageHeading } from '../../../components/page-heading';
import { useIncident } from '../queries';
import { localName } from '../../../local-name';
import { useServices } from '../../catalogue/queries';

/** One incident as the status page shows it, and the form for its next update. */
export function IncidentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const incident = useIncident(id);
  const services = useServices();
  const [announcement, setAnnouncement] = useState('');
  const serviceName = (serviceId: string) => {
    const service = services.data?.find((s) => s.id === serviceId);
    return service ? localName(service.name) : null;
  };
  const title = incident.data?.title ?? t('incidents.one');

  return (
    <>
      <Breadcrumbs items={[{ label: t('incidents.title'), to: '/incidents' }, { label: title }]} />
      <PageHeading title={title} />
      <Flash />
      <p role="status" className={announcement ? 'message message-success' : 'status-line'}>
        {announcement}
      </p>
      <AsyncSection resource={incident}>
        {(loaded) => (
          <>
            <IncidentFacts incident={loaded} serviceName={serviceName} />
            {loaded.status === 'resolved' ? (
              <p className="message message-info">{t('incidentUpdate.resolvedNote')}</p>
            ) : (
              <IncidentUpdateForm
                incident={loaded}
                onUpdated={(next) => {
                  incident.setData(next);
                  setAnnouncement(t('incidentUpdate.posted', { status: t(`incidentStatus.${next.status}`) }));
                }}
              />
            )}
            <section className="section" aria-labelledby="incident-updates">
              <h2 id="incident-updates">{t('incidentUpdate.history')}</h2>
              <IncidentUpdates updates={loaded.updates} label={t('incidentUpdate.history')} />
            </section>
          </>
        )}
      </AsyncSection>
    </>
  );
}

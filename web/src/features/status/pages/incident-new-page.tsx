import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { IncidentForm } from '../components/incident-form';
import { PageHeading } from '../../../components/page-heading';
import { useOpenIncident } from '../queries';
import { useServices } from '../../catalogue/queries';

/** Open an incident; it shows on the status page at once. */
export function IncidentNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const services = useServices();
  const open = useOpenIncident();
  return (
    <>
      <Breadcrumbs items={[{ label: t('incidents.title'), to: '/incidents' }, { label: t('incidentForm.pageTitle') }]} />
      <PageHeading title={t('incidentForm.pageTitle')}>
        <p className="lead">{t('incidentForm.intro')}</p>
      </PageHeading>
      <AsyncSection resource={services}>
        {(list) => (
          <IncidentForm
            services={list}
            onCancel={() => navigate('/incidents')}
            onSubmit={async (input) => {
              const created = await open.mutateAsync(input);
              navigate(`/incidents/${created.id}`, { state: { flash: t('incidentForm.created', { title: created.title }) } });
            }}
          />
        )}
      </AsyncSection>
    </>
  );
}

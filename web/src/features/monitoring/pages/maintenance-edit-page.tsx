import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { useServices } from '../../catalogue/queries';
import { MaintenanceForm } from '../components/maintenance-form';
import { useChangeMaintenance, useMaintenanceWindow } from '../queries';

/** Change a window (of a series: this occurrence); the subscribed municipalities are told of the change. */
export function MaintenanceEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const services = useServices();
  const window = useMaintenanceWindow(id);
  const change = useChangeMaintenance();
  return (
    <>
      <Breadcrumbs items={[{ label: t('maintenance.title'), to: '/maintenance' }, { label: t('maintenanceForm.editTitle') }]} />
      <PageHeading title={t('maintenanceForm.editTitle')}>
        <p className="lead">{t('maintenanceForm.editIntro')}</p>
      </PageHeading>
      <AsyncSection resource={window}>
        {(w) => (
          <AsyncSection resource={services}>
            {(list) => (
              <MaintenanceForm
                initial={w}
                services={list}
                canBackdate={false}
                onCancel={() => navigate('/maintenance')}
                onSubmit={async (input) => {
                  const saved = await change.mutateAsync({ id: w.id, changes: { title: input.title, description: input.description ?? null, startsAt: input.startsAt, endsAt: input.endsAt, serviceIds: input.serviceIds } });
                  navigate('/maintenance', { state: { flash: t('maintenanceForm.changed', { title: saved.title }) } });
                }}
              />
            )}
          </AsyncSection>
        )}
      </AsyncSection>
    </>
  );
}

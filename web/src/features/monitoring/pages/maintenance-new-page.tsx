import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { useUser } from '../../../session';
import { useServices } from '../../catalogue/queries';
import { MaintenanceForm } from '../components/maintenance-form';
import { useScheduleMaintenance } from '../queries';

/** Announce a maintenance window; it shows on the status page at once. */
export function MaintenanceNewPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const services = useServices();
  const schedule = useScheduleMaintenance();
  return (
    <>
      <Breadcrumbs items={[{ label: t('maintenance.title'), to: '/maintenance' }, { label: t('maintenanceForm.pageTitle') }]} />
      <PageHeading title={t('maintenanceForm.pageTitle')}>
        <p className="lead">{t('maintenanceForm.intro')}</p>
      </PageHeading>
      <AsyncSection resource={services}>
        {(list) => (
          <MaintenanceForm
            services={list}
            canBackdate={user.role === 'operator'}
            onCancel={() => navigate('/maintenance')}
            onSubmit={async (input) => {
              const created = await schedule.mutateAsync(input);
              navigate('/maintenance', { state: { flash: t('maintenanceForm.created', { title: created.title }) } });
            }}
          />
        )}
      </AsyncSection>
    </>
  );
}

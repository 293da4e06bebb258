import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { ServiceForm } from '../components/service-form';
import { localName } from '../../../local-name';
import { useCreateService, useService, useUpdateService } from '../queries';

/** Add a service to the catalogue (no id) or change one (operator). */
export function ServiceFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const service = useService(id);
  const create = useCreateService();
  const update = useUpdateService(id ?? '');

  if (!id) {
    return (
      <>
        <Breadcrumbs items={[{ label: t('services.title'), to: '/services' }, { label: t('serviceForm.newTitle') }]} />
        <PageHeading title={t('serviceForm.newTitle')} />
        <ServiceForm
          onCancel={() => navigate('/services')}
          onSubmit={async (_changes, input) => {
            const created = await create.mutateAsync(input);
            navigate(`/services/${created.id}`, { state: { flash: t('serviceForm.created', { name: localName(created.name) }) } });
          }}
        />
      </>
    );
  }

  const name = service.data ? localName(service.data.name) : '';
  return (
    <>
      <Breadcrumbs items={[{ label: t('services.title'), to: '/services' }, { label: name || t('common.loadingShort'), to: `/services/${id}` }, { label: t('serviceForm.editTitle') }]} />
      <PageHeading title={t('serviceForm.editTitle')} documentTitle={name ? `${t('serviceForm.editTitle')}: ${name}` : t('serviceForm.editTitle')}>
        {name && <p className="lead">{name}</p>}
      </PageHeading>
      <AsyncSection resource={service}>
        {(loaded) => (
          <ServiceForm
            key={loaded.updatedAt}
            service={loaded}
            onCancel={() => navigate(`/services/${id}`)}
            onSubmit={async (input) => {
              if (Object.keys(input).length === 0) {
                navigate(`/services/${id}`, { state: { flash: t('form.noChanges') } });
                return;
              }
              const saved = await update.mutateAsync(input);
              navigate(`/services/${id}`, { state: { flash: t('serviceForm.saved', { name: localName(saved.name) }) } });
            }}
          />
        )}
      </AsyncSection>
    </>
  );
}

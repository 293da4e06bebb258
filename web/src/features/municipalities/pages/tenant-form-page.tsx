import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { TenantForm } from '../components/tenant-form';
import { useCreateTenant, useTenant, useUpdateTenant } from '../queries';

/** Create a municipality (no id) or edit one (operator). */
export function TenantFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const tenant = useTenant(id);
  const create = useCreateTenant();
  const update = useUpdateTenant(id ?? '');

  if (!id) {
    return (
      <>
        <Breadcrumbs items={[{ label: t('nav.municipalities'), to: '/municipalities' }, { label: t('tenants.newTitle') }]} />
        <PageHeading title={t('tenants.newTitle')} />
        <TenantForm
          onCancel={() => navigate('/municipalities')}
          onSubmit={async (_changes, input) => {
            const created = await create.mutateAsync(input);
            navigate(`/municipalities/${created.id}`, { state: { flash: t('tenants.created', { name: created.name }) } });
          }}
        />
      </>
    );
  }

  const name = tenant.data?.name ?? '';
  return (
    <>
      <Breadcrumbs
        items={[{ label: t('nav.municipalities'), to: '/municipalities' }, { label: name || t('common.loadingShort'), to: `/municipalities/${id}` }, { label: t('tenants.editTitle') }]}
      />
      <PageHeading title={t('tenants.editTitle')} documentTitle={name ? `${t('tenants.editTitle')}: ${name}` : t('tenants.editTitle')}>
        {name && <p className="lead">{name}</p>}
      </PageHeading>
      <AsyncSection resource={tenant}>
        {(loaded) => (
          <TenantForm
            key={loaded.updatedAt}
            tenant={loaded}
            onCancel={() => navigate(`/municipalities/${id}`)}
            onSubmit={async (input) => {
              if (Object.keys(input).length === 0) {
                navigate(`/municipalities/${id}`, { state: { flash: t('form.noChanges') } });
                return;
              }
              const saved = await update.mutateAsync(input);
              navigate(`/municipalities/${id}`, { state: { flash: t('tenants.saved', { name: saved.name }) } });
            }}
          />
        )}
      </AsyncSection>
    </>
  );
}

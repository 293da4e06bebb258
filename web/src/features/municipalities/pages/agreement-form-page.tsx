import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { agreementChanges } from '../agreement-values';
import { AgreementForm } from '../components/agreement-form';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { useAgreement, useCreateAgreement, useTenant, useUpdateAgreement } from '../queries';

/** New agreement (no agreementId) or a new version of one (operator). */
export function AgreementFormPage() {
  const { t } = useTranslation();
  const { id = '', agreementId } = useParams();
  const navigate = useNavigate();
  const tenant = useTenant(id);
  const agreement = useAgreement(id, agreementId);
  const create = useCreateAgreement(id);
  const update = useUpdateAgreement(id);
  const tenantName = tenant.data?.name ?? t('common.loadingShort');
  const tenantPath = `/municipalities/${id}`;
  const title = agreementId ? t('agreements.editTitle', { number: agreement.data?.number ?? '' }) : t('agreements.newTitle');

  const crumbs = [
    { label: t('nav.municipalities'), to: '/municipalities' },
    { label: tenantName, to: tenantPath },
    ...(agreementId ? [{ label: t('agreements.numbered', { number: agreement.data?.number ?? '' }), to: `${tenantPath}/agreements/${agreementId}` }] : []),
    { label: title },
  ];

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <PageHeading title={title} documentTitle={tenant.data ? `${title} — ${tenant.data.name}` : title}>
        {tenant.data && <p className="lead">{tenant.data.name}</p>}
      </PageHeading>
      {!agreementId ? (
        <AgreementForm
          onCancel={() => navigate(tenantPath)}
          onSubmit={async (input) => {
            const created = await create.mutateAsync(input);
            navigate(tenantPath, { state: { flash: t('agreements.created', { number: created.number }) } });
          }}
        />
      ) : (
        <AsyncSection resource={agreement}>
          {(current) => (
            <AgreementForm
              key={`${current.id}-${current.version}`}
              agreement={current}
              onCancel={() => navigate(`${tenantPath}/agreements/${current.id}`)}
              onSubmit={async (input, values) => {
                const changed = agreementChanges(input, current);
                const note = values.changeNote.trim();
                if (Object.keys(changed).length === 0 && !note) {
                  navigate(`${tenantPath}/agreements/${current.id}`, { state: { flash: t('form.noChanges') } });
                  return;
                }
                const saved = await update.mutateAsync({ agreementId: current.id, input: { ...changed, ...(note && { changeNote: note }) } });
                navigate(`${tenantPath}/agreements/${current.id}`, { state: { flash: t('agreements.savedVersion', { version: saved.version }) } });
              }}
            />
          )}
        </AsyncSection>
      )}
    </>
  );
}

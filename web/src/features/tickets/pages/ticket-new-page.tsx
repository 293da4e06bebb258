import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { TicketForm } from '../components/ticket-form';
import { useOpenTicket } from '../queries';
import { useUser } from '../../../session';
import { isTenantRole } from '../../../roles';
import { useTenants } from '../../municipalities/queries';

/** Open a ticket; agency staff say for which municipality. */
export function TicketNewPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const agency = !isTenantRole(user.role);
  const tenants = useTenants(agency);
  const open = useOpenTicket();

  return (
    <>
      <Breadcrumbs items={[{ label: t('tickets.title'), to: '/tickets' }, { label: t('newTicket.title') }]} />
      <PageHeading title={t('newTicket.title')}>
        <p className="lead">{agency ? t('newTicket.introAgency') : t('newTicket.introTenant')}</p>
      </PageHeading>
      {tenants.error !== null && <ProblemMessage error={tenants.error} summary={t('tickets.tenantsFailed')} onRetry={tenants.reload} />}
      <TicketForm
        tenants={agency ? (tenants.data ?? []).filter((x) => x.status !== 'offboarded') : null}
        ownTenantId={user.tenantId}
        initialTenantId={params.get('tenant') ?? ''}
        onCancel={() => navigate('/tickets')}
        onSubmit={async (input) => {
          const created = await open.mutateAsync(input);
          navigate(`/tickets/${created.id}`, { state: { flash: t('newTicket.created', { number: created.number }) } });
        }}
      />
    </>
  );
}

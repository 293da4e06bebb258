import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { Flash } from '../../../components/flash';
import { PageHeading } from '../../../components/page-heading';
import { TenantAgreements } from '../components/tenant-agreements';
import { TenantCostLinks } from '../../billing/components/tenant-cost-links';
import { TenantDeskLinks } from '../../desk-report/components/tenant-desk-links';
import { TenantDetails } from '../components/tenant-details';
import { TenantServices } from '../../catalogue/components/tenant-services';
import { UserSection } from '../../users/components/user-section';
import { useTenant } from '../queries';
import { useCreateTenantUser, useInviteToTenant, useTenantUsers, type InvitationInput } from '../../users/queries';
import { can, canChange } from '../../../permissions';
import { useUser } from '../../../session';
import { isTenantRole, TENANT_ROLES } from '../../../roles';

export function TenantDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser();
  const tenant = useTenant(id);
  const ownTenant = user.tenantId === id;
  const showUsers = can(user, 'users.read') && (!isTenantRole(user.role) || ownTenant);
  const canWriteUsers = canChange(user, 'users.write') && (!isTenantRole(user.role) || ownTenant);
  const users = useTenantUsers(id, showUsers);
  const createUser = useCreateTenantUser(id);
  const invite = useInviteToTenant(id);
  const name = tenant.data?.name ?? '';

  return (
    <>
      {!isTenantRole(user.role) && <Breadcrumbs items={[{ label: t('nav.municipalities'), to: '/municipalities' }, { label: name || t('common.loadingShort') }]} />}
      <PageHeading
        title={name || t('tenants.detailTitle')}
        documentTitle={name || t('tenants.detailTitle')}
        actions={
          can(user, 'tenants.write') &&
          tenant.data && (
            <>
              <Link to={`/municipalities/${id}/edit`} className="button button-secondary">
                {t('tenants.edit')}
              </Link>
              {/* A plain download: the browser sends the session cookie, and a GET needs no CSRF header. */}
              <a href={`/api/v1/tenants/${encodeURIComponent(id)}/export`} className="button button-secondary" download>
                {t('tenants.export')}
              </a>
            </>
          )
        }
      />
      <Flash />
      <AsyncSection resource={tenant}>
        {(loaded) => (
          <>
            <section aria-labelledby="tenant-data" className="section">
              <h2 id="tenant-data">{t('tenants.data')}</h2>
              <TenantDetails tenant={loaded} />
            </section>
            {can(user, 'agreements.read') && (
              <section aria-labelledby="tenant-agreements" className="section">
                <h2 id="tenant-agreements">{t('agreements.title')}</h2>
                <TenantAgreements tenantId={loaded.id} canWrite={can(user, 'agreements.write')} />
              </section>
            )}
            <TenantServices tenantId={loaded.id} tenantName={loaded.name} />
            <TenantDeskLinks tenantId={loaded.id} />
            <TenantCostLinks tenantId={loaded.id} tenantName={loaded.name} />
            {can(user, 'notification_settings.read') && (
              <section aria-labelledby="tenant-notifications" className="section">
                <h2 id="tenant-notifications">{t('notificationSettings.title')}</h2>
                <p>
                  <Link to={`/municipalities/${loaded.id}/notifications`}>{t('notificationSettings.link')}</Link>
                </p>
              </section>
            )}
            {showUsers && (
              <section aria-labelledby="tenant-users" className="section">
                <h2 id="tenant-users">{t('users.tenantTitle')}</h2>
                <UserSection
                  idPrefix="tenant-user"
                  users={users}
                  caption={t('users.tenantCaption', { name: loaded.name })}
                  currentUserId={user.id}
                  canWrite={canWriteUsers}
                  roleOptions={TENANT_ROLES}
                  headingLevel={3}
                  create={(input) => createUser.mutateAsync(input)}
                  // Invitations offer only TENANT_ROLES (roleOptions), the roles the server accepts for them.
                  invite={isTenantRole(user.role) ? (input) => invite.mutateAsync({ ...input, role: input.role as InvitationInput['role'] }) : undefined}
                />
              </section>
            )}
          </>
        )}
      </AsyncSection>
    </>
  );
}

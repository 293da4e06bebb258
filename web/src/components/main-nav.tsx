import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { can, canAcrossTenants } from '../permissions';
import { isTenantRole } from '../roles';
import type { SessionUser } from '../features/account/queries';

/** The sections the person's role may use. */
export function MainNav({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const tenantHome = user.tenantId ? `/municipalities/${user.tenantId}` : null;
  const agency = !isTenantRole(user.role);
  const items = [
    tenantHome ? { to: tenantHome, label: t('nav.ownMunicipality') } : { to: '/municipalities', label: t('nav.municipalities') },
    { to: tenantHome ? `${tenantHome}/status` : '/status', label: t('nav.status') },
    agency && { to: '/services', label: t('nav.services') },
    can(user, 'incidents.write') && { to: '/incidents', label: t('nav.incidents') },
    agency && can(user, 'monitors.read') && { to: '/monitors', label: t('nav.monitors') },
    agency && { to: '/maintenance', label: t('nav.maintenance') },
    can(user, 'tickets.read') && { to: '/tickets', label: t('nav.tickets') },
    canAcrossTenants(user, 'tickets.manage') && { to: '/inbound-mail', label: t('nav.inboundMail') },
    can(user, 'desk_reports.read') && { to: '/desk-report', label: t('nav.deskReport') },
    can(user, 'sla_reports.read') && { to: '/sla-report', label: t('nav.slaReport') },
    tenantHome && can(user, 'statements.read') && { to: `${tenantHome}/costs`, label: t('nav.costs') },
    can(user, 'billing_runs.read') && { to: '/billing/runs', label: t('nav.billingRuns') },
    can(user, 'billing_runs.read') && { to: '/billing/invoices', label: t('nav.invoices') },
    can(user, 'billing_runs.read') && { to: '/billing/tariffs', label: t('nav.tariffs') },
    can(user, 'billing_runs.read') && { to: '/billing/cost-pools', label: t('nav.costPools') },
    can(user, 'forecast.read') && { to: '/billing/forecast', label: t('nav.forecast') },
    can(user, 'usage.write') && { to: '/billing/usage', label: t('nav.usageImport') },
    can(user, 'billing_runs.read') && { to: '/billing/seller', label: t('nav.seller') },
    { to: '/calendars', label: t('nav.calendars') },
    canAcrossTenants(user, 'users.write') && { to: '/users', label: t('nav.agencyUsers') },
    can(user, 'tokens.write') && { to: '/tokens', label: t('nav.tokens') },
    can(user, 'identity_providers.read') && { to: '/identity-providers', label: t('nav.identityProviders') },
    can(user, 'audit.read') && { to: '/audit', label: t('nav.audit') },
    can(user, 'outbox.read') && { to: '/outbox', label: t('nav.outbox') },
    { to: '/account', label: t('nav.account') },
  ].filter((item): item is { to: string; label: string } => Boolean(item));

  return (
    <nav aria-label={t('nav.main')} className="main-nav">
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === '/account' || item.to === tenantHome}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

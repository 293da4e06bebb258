import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { can } from '../permissions';
import { isTenantRole, type SessionUser } from '../types';

/** The sections the person's role may use. */
export function MainNav({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const tenantHome = user.tenantId ? `/municipalities/${user.tenantId}` : null;
  const agency = !isTenantRole(user.role);
  const items = [
    tenantHome ? { to: tenantHome, label: t('nav.ownMunicipality') } : { to: '/municipalities', label: t('nav.municipalities') },
    { to: tenantHome ? `${tenantHome}/status` : '/status', label: t('nav.status') },
    agency && { to: '/services', label: t('nav.services') },
    can(user.role, 'incidents.write') && { to: '/incidents', label: t('nav.incidents') },
    agency && can(user.role, 'monitors.read') && { to: '/monitors', label: t('nav.monitors') },
    agency && { to: '/maintenance', label: t('nav.maintenance') },
    can(user.role, 'tickets.read') && { to: '/tickets', label: t('nav.tickets') },
    can(user.role, 'deskReports.read') && { to: '/desk-report', label: t('nav.deskReport') },
    can(user.role, 'slaReports.read') && { to: '/sla-report', label: t('nav.slaReport') },
    tenantHome && can(user.role, 'statements.read') && { to: `${tenantHome}/costs`, label: t('nav.costs') },
    can(user.role, 'billing.read') && { to: '/billing/runs', label: t('nav.billingRuns') },
    can(user.role, 'billing.read') && { to: '/billing/invoices', label: t('nav.invoices') },
    can(user.role, 'billing.read') && { to: '/billing/tariffs', label: t('nav.tariffs') },
    can(user.role, 'billing.read') && { to: '/billing/cost-pools', label: t('nav.costPools') },
    can(user.role, 'forecast.read') && { to: '/billing/forecast', label: t('nav.forecast') },
    can(user.role, 'billing.write') && { to: '/billing/usage', label: t('nav.usageImport') },
    can(user.role, 'billing.read') && { to: '/billing/seller', label: t('nav.seller') },
    { to: '/calendars', label: t('nav.calendars') },
    can(user.role, 'agencyUsers.manage') && { to: '/users', label: t('nav.agencyUsers') },
    can(user.role, 'tokens.manage') && { to: '/tokens', label: t('nav.tokens') },
    can(user.role, 'identityProviders.read') && { to: '/identity-providers', label: t('nav.identityProviders') },
    can(user.role, 'audit.read') && { to: '/audit', label: t('nav.audit') },
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

import { can, canAcrossTenants } from '../permissions';
import { isTenantRole } from '../roles';
import type { SessionUser } from '../features/account/queries';

/** The menu's groups, in order. A tenant role's own municipality has its group first. */
export const NAV_GROUPS = ['municipality', 'desk', 'monitoring', 'billing', 'administration'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** What a menu entry may look at to decide whether and where it shows. */
export interface NavContext {
  user: SessionUser;
  /** The signed-in person's municipality page, null for agency staff. */
  tenantHome: string | null;
  agency: boolean;
}

/** One entry of the menu: a line here is all a new page needs to appear in it. */
export interface NavItem {
  group: NavGroup | ((c: NavContext) => NavGroup);
  label: string;
  to: (c: NavContext) => string;
  show: (c: NavContext) => boolean;
  /** Other pages that belong to this entry (a municipality's report pages, say). */
  also?: RegExp[];
}

const agencyOnly = (c: NavContext) => c.agency;
const ownOrAgency = (own: string, agency: string) => (c: NavContext) => (c.tenantHome ? `${c.tenantHome}${own}` : agency);
/** A municipality's own pages sit in its group; the agency's in the topic's group. */
const tenantsIn = (group: NavGroup) => (c: NavContext): NavGroup => (c.agency ? group : 'municipality');

export const NAV_ITEMS: readonly NavItem[] = [
  { group: 'municipality', label: 'nav.ownMunicipality', to: (c) => c.tenantHome!, show: (c) => c.tenantHome !== null },
  { group: 'municipality', label: 'nav.status', to: ownOrAgency('/status', '/status'), show: (c) => c.tenantHome !== null },
  { group: 'municipality', label: 'nav.costs', to: ownOrAgency('/costs', '/'), show: (c) => c.tenantHome !== null && can(c.user, 'statements.read') },
  { group: 'desk', label: 'nav.tickets', to: () => '/tickets', show: (c) => can(c.user, 'tickets.read') },
  { group: 'desk', label: 'nav.deskReport', to: () => '/desk-report', show: (c) => can(c.user, 'desk_reports.read'), also: [/^\/municipalities\/[^/]+\/desk-report(\/|$)/] },
  { group: 'desk', label: 'nav.inboundMail', to: () => '/inbound-mail', show: (c) => canAcrossTenants(c.user, 'tickets.manage') },
  { group: 'desk', label: 'nav.calendars', to: () => '/calendars', show: agencyOnly },
  { group: 'monitoring', label: 'nav.status', to: () => '/status', show: agencyOnly, also: [/^\/municipalities\/[^/]+\/status$/] },
  { group: 'monitoring', label: 'nav.services', to: () => '/services', show: agencyOnly },
  { group: 'monitoring', label: 'nav.monitors', to: () => '/monitors', show: (c) => can(c.user, 'monitors.read') },
  { group: 'monitoring', label: 'nav.incidents', to: () => '/incidents', show: (c) => can(c.user, 'incidents.write') },
  { group: 'monitoring', label: 'nav.maintenance', to: () => '/maintenance', show: agencyOnly },
  { group: 'monitoring', label: 'nav.slaReport', to: () => '/sla-report', show: (c) => can(c.user, 'sla_reports.read'), also: [/^\/municipalities\/[^/]+\/sla-reports(\/|$)/] },
  { group: 'billing', label: 'nav.billingRuns', to: () => '/billing/runs', show: (c) => can(c.user, 'billing_runs.read') },
  { group: 'billing', label: 'nav.invoices', to: () => '/billing/invoices', show: (c) => can(c.user, 'billing_runs.read') },
  { group: 'billing', label: 'nav.tariffs', to: () => '/billing/tariffs', show: (c) => can(c.user, 'billing_runs.read') },
  { group: 'billing', label: 'nav.costPools', to: () => '/billing/cost-pools', show: (c) => can(c.user, 'billing_runs.read') },
  { group: 'billing', label: 'nav.forecast', to: () => '/billing/forecast', show: (c) => can(c.user, 'forecast.read') },
  { group: 'billing', label: 'nav.usageImport', to: () => '/billing/usage', show: (c) => can(c.user, 'usage.write') },
  { group: 'billing', label: 'nav.seller', to: () => '/billing/seller', show: (c) => can(c.user, 'billing_runs.read') },
  { group: 'administration', label: 'nav.municipalities', to: () => '/municipalities', show: agencyOnly },
  { group: 'administration', label: 'nav.calendars', to: () => '/calendars', show: (c) => !c.agency },
  { group: 'administration', label: 'nav.agencyUsers', to: () => '/users', show: (c) => canAcrossTenants(c.user, 'users.write') },
  { group: tenantsIn('administration'), label: 'nav.tokens', to: () => '/tokens', show: (c) => can(c.user, 'tokens.write') },
  { group: 'administration', label: 'nav.identityProviders', to: () => '/identity-providers', show: (c) => can(c.user, 'identity_providers.read') },
  { group: 'administration', label: 'nav.outbox', to: () => '/outbox', show: (c) => can(c.user, 'outbox.read') },
  { group: 'administration', label: 'nav.audit', to: () => '/audit', show: (c) => can(c.user, 'audit.read') },
];

export interface ShownItem {
  group: NavGroup;
  label: string;
  to: string;
  also: RegExp[];
}

export function navContext(user: SessionUser): NavContext {
  return { user, tenantHome: user.tenantId ? `/municipalities/${user.tenantId}` : null, agency: !isTenantRole(user.role) };
}

/** The entries this person may use, grouped in menu order; empty groups left out. */
export function shownGroups(c: NavContext): { group: NavGroup; items: ShownItem[] }[] {
  const items = NAV_ITEMS.filter((item) => item.show(c)).map((item) => ({
    group: typeof item.group === 'function' ? item.group(c) : item.group,
    label: item.label,
    to: item.to(c),
    also: item.also ?? [],
  }));
  return NAV_GROUPS.map((group) => ({ group, items: items.filter((i) => i.group === group) })).filter((g) => g.items.length > 0);
}

/**
 * The entry of the page at `pathname`: the one whose address is the longest beginning of it
 * (so a municipality's agreement highlights "My municipality"), or one that claims the page.
 */
export function currentItem(items: readonly ShownItem[], pathname: string): ShownItem | undefined {
  let best: ShownItem | undefined;
  let bestLength = 0;
  for (const item of items) {
    const claimed = item.also.some((pattern) => pattern.test(pathname));
    const length = claimed ? Number.MAX_SAFE_INTEGER : pathname === item.to || pathname.startsWith(`${item.to}/`) ? item.to.length : 0;
    if (length > bestLength) {
      best = item;
      bestLength = length;
    }
  }
  return best;
}

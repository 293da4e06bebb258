import type { ComponentType } from 'react';
import { matchPath } from 'react-router-dom';
import { lazyPage, type LazyPage } from './lazy-page';
import type { Permission } from './permissions';

// Every page is its own chunk (see Layout for what shows while one loads). Sign-in too: with its
// second factor and passkeys (@simplewebauthn/browser) it is ~15 kB that a signed-in visit,
// the usual one, never needs (ADR 0026).
const LoginPage = lazyPage(() => import('./pages/login-page'), 'LoginPage');
const AccessibilityPage = lazyPage(() => import('./pages/accessibility-page'), 'AccessibilityPage');
const AccountPage = lazyPage(() => import('./features/account/pages/account-page'), 'AccountPage');
const InvitationPage = lazyPage(() => import('./features/users/pages/invitation-page'), 'InvitationPage');
const AgencyUsersPage = lazyPage(() => import('./features/users/pages/agency-users-page'), 'AgencyUsersPage');
const AgreementFormPage = lazyPage(() => import('./features/municipalities/pages/agreement-form-page'), 'AgreementFormPage');
const AgreementPage = lazyPage(() => import('./features/municipalities/pages/agreement-page'), 'AgreementPage');
const AuditPage = lazyPage(() => import('./features/audit/pages/audit-page'), 'AuditPage');
const NotificationSettingsPage = lazyPage(() => import('./features/municipalities/pages/notification-settings-page'), 'NotificationSettingsPage');
const OutboxPage = lazyPage(() => import('./features/outbox/pages/outbox-page'), 'OutboxPage');
const BillingRunPage = lazyPage(() => import('./features/billing/pages/billing-run-page'), 'BillingRunPage');
const BillingRunsPage = lazyPage(() => import('./features/billing/pages/billing-runs-page'), 'BillingRunsPage');
const CalendarPage = lazyPage(() => import('./features/calendars/pages/calendar-page'), 'CalendarPage');
const CalendarsPage = lazyPage(() => import('./features/calendars/pages/calendars-page'), 'CalendarsPage');
const CostPoolsPage = lazyPage(() => import('./features/billing/pages/cost-pools-page'), 'CostPoolsPage');
const EnrolPage = lazyPage(() => import('./features/account/pages/enrol-page'), 'EnrolPage');
const DeskReportPage = lazyPage(() => import('./features/desk-report/pages/desk-report-page'), 'DeskReportPage');
const DeskReportStartPage = lazyPage(() => import('./features/desk-report/pages/desk-report-start-page'), 'DeskReportStartPage');
const ForecastPage = lazyPage(() => import('./features/billing/pages/forecast-page'), 'ForecastPage');
const IncidentNewPage = lazyPage(() => import('./features/status/pages/incident-new-page'), 'IncidentNewPage');
const IncidentPage = lazyPage(() => import('./features/status/pages/incident-page'), 'IncidentPage');
const IncidentsPage = lazyPage(() => import('./features/status/pages/incidents-page'), 'IncidentsPage');
const InvoicesPage = lazyPage(() => import('./features/billing/pages/invoices-page'), 'InvoicesPage');
const MaintenanceNewPage = lazyPage(() => import('./features/monitoring/pages/maintenance-new-page'), 'MaintenanceNewPage');
const MaintenanceEditPage = lazyPage(() => import('./features/monitoring/pages/maintenance-edit-page'), 'MaintenanceEditPage');
const MaintenancePage = lazyPage(() => import('./features/monitoring/pages/maintenance-page'), 'MaintenancePage');
const MonitorNewPage = lazyPage(() => import('./features/monitoring/pages/monitor-new-page'), 'MonitorNewPage');
const MonitorPage = lazyPage(() => import('./features/monitoring/pages/monitor-page'), 'MonitorPage');
const MonitorsPage = lazyPage(() => import('./features/monitoring/pages/monitors-page'), 'MonitorsPage');
const HomePage = lazyPage(() => import('./features/home/pages/home-page'), 'HomePage');
const NotFoundPage = lazyPage(() => import('./pages/not-found-page'), 'NotFoundPage');
const SellerSettingsPage = lazyPage(() => import('./features/billing/pages/seller-settings-page'), 'SellerSettingsPage');
const ServiceFormPage = lazyPage(() => import('./features/catalogue/pages/service-form-page'), 'ServiceFormPage');
const ServicePage = lazyPage(() => import('./features/catalogue/pages/service-page'), 'ServicePage');
const ServicesPage = lazyPage(() => import('./features/catalogue/pages/services-page'), 'ServicesPage');
const SlaReportPage = lazyPage(() => import('./features/availability/pages/sla-report-page'), 'SlaReportPage');
const SlaReportStartPage = lazyPage(() => import('./features/availability/pages/sla-report-start-page'), 'SlaReportStartPage');
const StatusPage = lazyPage(() => import('./features/status/pages/status-page'), 'StatusPage');
const StatusSubscriptionPage = lazyPage(() => import('./features/status/pages/status-subscription-page'), 'StatusSubscriptionPage');
const TariffsPage = lazyPage(() => import('./features/billing/pages/tariffs-page'), 'TariffsPage');
const TenantCostsPage = lazyPage(() => import('./features/billing/pages/tenant-costs-page'), 'TenantCostsPage');
const TenantDetailPage = lazyPage(() => import('./features/municipalities/pages/tenant-detail-page'), 'TenantDetailPage');
const TenantFormPage = lazyPage(() => import('./features/municipalities/pages/tenant-form-page'), 'TenantFormPage');
const TenantStatusPage = lazyPage(() => import('./features/status/pages/tenant-status-page'), 'TenantStatusPage');
const TenantsPage = lazyPage(() => import('./features/municipalities/pages/tenants-page'), 'TenantsPage');
const QuarantinePage = lazyPage(() => import('./features/inbound-mail/pages/quarantine-page'), 'QuarantinePage');
const TicketNewPage = lazyPage(() => import('./features/tickets/pages/ticket-new-page'), 'TicketNewPage');
const SatisfactionPage = lazyPage(() => import('./features/tickets/pages/satisfaction-page'), 'SatisfactionPage');
const TicketPage = lazyPage(() => import('./features/tickets/pages/ticket-page'), 'TicketPage');
const TicketsPage = lazyPage(() => import('./features/tickets/pages/tickets-page'), 'TicketsPage');
const TokensPage = lazyPage(() => import('./features/tokens/pages/tokens-page'), 'TokensPage');
const IdentityProvidersPage = lazyPage(() => import('./features/sso/identity-providers-page'), 'IdentityProvidersPage');
const UsageImportPage = lazyPage(() => import('./features/usage/pages/usage-import-page'), 'UsageImportPage');

/** One page of the UI: where it is, and what the session must grant to see it. */
export interface PageRoute {
  path: string;
  page: ComponentType;
  /** Others get the "not allowed" page; the server refuses them anyway. */
  permission?: Permission;
  /** Only agency staff holding the permission (what the server allows across municipalities only). */
  acrossTenants?: boolean;
}

/** Pages anyone may open. */
export const PUBLIC_ROUTES: readonly PageRoute[] = [
  { path: 'login', page: LoginPage },
  { path: 'enrol', page: EnrolPage },
  { path: 'accessibility', page: AccessibilityPage },
  { path: 'status', page: StatusPage },
  { path: 'status/subscription', page: StatusSubscriptionPage },
  { path: 'invitation', page: InvitationPage },
  { path: 'satisfaction', page: SatisfactionPage },
];

/** Pages behind sign-in (the start page `/` is each role's home page, HomePage). */
export const SIGNED_IN_ROUTES: readonly PageRoute[] = [
  { path: 'municipalities', page: TenantsPage },
  { path: 'municipalities/new', page: TenantFormPage, permission: 'tenants.write' },
  { path: 'municipalities/:id', page: TenantDetailPage },
  { path: 'municipalities/:id/status', page: TenantStatusPage },
  { path: 'municipalities/:id/notifications', page: NotificationSettingsPage, permission: 'notification_settings.read' },
  { path: 'municipalities/:id/edit', page: TenantFormPage, permission: 'tenants.write' },
  { path: 'municipalities/:id/agreements/new', page: AgreementFormPage, permission: 'agreements.write' },
  { path: 'municipalities/:id/agreements/:agreementId', page: AgreementPage, permission: 'agreements.read' },
  { path: 'municipalities/:id/agreements/:agreementId/edit', page: AgreementFormPage, permission: 'agreements.write' },
  { path: 'users', page: AgencyUsersPage, permission: 'users.write', acrossTenants: true },
  { path: 'tokens', page: TokensPage, permission: 'tokens.write' },
  { path: 'identity-providers', page: IdentityProvidersPage, permission: 'identity_providers.read' },
  { path: 'audit', page: AuditPage, permission: 'audit.read' },
  { path: 'outbox', page: OutboxPage, permission: 'outbox.read' },
  { path: 'tickets', page: TicketsPage, permission: 'tickets.read' },
  { path: 'tickets/new', page: TicketNewPage, permission: 'tickets.write' },
  { path: 'tickets/:id', page: TicketPage, permission: 'tickets.read' },
  { path: 'inbound-mail', page: QuarantinePage, permission: 'tickets.manage', acrossTenants: true },
  { path: 'calendars', page: CalendarsPage },
  { path: 'calendars/:id', page: CalendarPage },
  { path: 'desk-report', page: DeskReportStartPage, permission: 'desk_reports.read' },
  { path: 'municipalities/:id/desk-report/:month?', page: DeskReportPage, permission: 'desk_reports.read' },
  { path: 'services', page: ServicesPage },
  { path: 'services/new', page: ServiceFormPage, permission: 'services.write' },
  { path: 'services/:id', page: ServicePage },
  { path: 'services/:id/edit', page: ServiceFormPage, permission: 'services.write' },
  { path: 'incidents', page: IncidentsPage, permission: 'incidents.write' },
  { path: 'incidents/new', page: IncidentNewPage, permission: 'incidents.write' },
  { path: 'incidents/:id', page: IncidentPage, permission: 'incidents.write' },
  { path: 'monitors', page: MonitorsPage, permission: 'monitors.read' },
  { path: 'monitors/new', page: MonitorNewPage, permission: 'monitors.write' },
  { path: 'monitors/:id', page: MonitorPage, permission: 'monitors.read' },
  { path: 'maintenance', page: MaintenancePage },
  { path: 'maintenance/new', page: MaintenanceNewPage, permission: 'maintenance.write' },
  { path: 'maintenance/:id/edit', page: MaintenanceEditPage, permission: 'maintenance.write' },
  { path: 'sla-report', page: SlaReportStartPage, permission: 'sla_reports.read' },
  { path: 'municipalities/:id/sla-reports/:month?', page: SlaReportPage, permission: 'sla_reports.read' },
  { path: 'billing/runs', page: BillingRunsPage, permission: 'billing_runs.read' },
  { path: 'billing/runs/:id', page: BillingRunPage, permission: 'billing_runs.read' },
  { path: 'billing/invoices', page: InvoicesPage, permission: 'billing_runs.read' },
  { path: 'billing/tariffs', page: TariffsPage, permission: 'billing_runs.read' },
  { path: 'billing/cost-pools', page: CostPoolsPage, permission: 'billing_runs.read' },
  { path: 'billing/forecast', page: ForecastPage, permission: 'forecast.read' },
  { path: 'billing/usage', page: UsageImportPage, permission: 'usage.write' },
  { path: 'billing/seller', page: SellerSettingsPage, permission: 'billing_runs.read' },
  { path: 'municipalities/:id/costs', page: TenantCostsPage, permission: 'statements.read' },
  { path: 'account', page: AccountPage },
];

export { HomePage, NotFoundPage };

/**
 * A page opened by its address (a visit, a reload): its code starts loading while the session is
 * checked instead of after it (the first screen's data of the pages that have one was asked for
 * even earlier, by web/src/early.ts). Only a head start: the route table and the session still
 * decide what is shown. Settles when the page's code is in (or failed to load; React asks again).
 */
export async function startPageAt(location: { pathname: string }): Promise<void> {
  if (location.pathname === '/') return HomePage.preload();
  const route = [...PUBLIC_ROUTES, ...SIGNED_IN_ROUTES].find((r) => matchPath({ path: `/${r.path}`, end: true }, location.pathname));
  if (route && 'preload' in route.page) await (route.page as LazyPage).preload();
}

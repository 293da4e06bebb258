import { Navigate, Route, Routes } from 'react-router-dom';
import { Layout } from './components/layout';
import { RequireAuth } from './components/require-auth';
import { RequirePermission } from './components/require-role';
import { LoginPage } from './pages/login-page';
import { lazyPage } from './lazy-page';
import { useSession } from './session';

// Every page but sign-in is its own chunk (see Layout for what shows while one loads).
const AccessibilityPage = lazyPage(() => import('./pages/accessibility-page'), 'AccessibilityPage');
const AccountPage = lazyPage(() => import('./pages/account-page'), 'AccountPage');
const InvitationPage = lazyPage(() => import('./pages/invitation-page'), 'InvitationPage');
const AgencyUsersPage = lazyPage(() => import('./pages/agency-users-page'), 'AgencyUsersPage');
const AgreementFormPage = lazyPage(() => import('./pages/agreement-form-page'), 'AgreementFormPage');
const AgreementPage = lazyPage(() => import('./pages/agreement-page'), 'AgreementPage');
const AuditPage = lazyPage(() => import('./pages/audit-page'), 'AuditPage');
const BillingRunPage = lazyPage(() => import('./pages/billing-run-page'), 'BillingRunPage');
const BillingRunsPage = lazyPage(() => import('./pages/billing-runs-page'), 'BillingRunsPage');
const CalendarPage = lazyPage(() => import('./pages/calendar-page'), 'CalendarPage');
const CalendarsPage = lazyPage(() => import('./pages/calendars-page'), 'CalendarsPage');
const CostPoolsPage = lazyPage(() => import('./pages/cost-pools-page'), 'CostPoolsPage');
const EnrolPage = lazyPage(() => import('./pages/enrol-page'), 'EnrolPage');
const DeskReportPage = lazyPage(() => import('./pages/desk-report-page'), 'DeskReportPage');
const DeskReportStartPage = lazyPage(() => import('./pages/desk-report-start-page'), 'DeskReportStartPage');
const ForecastPage = lazyPage(() => import('./pages/forecast-page'), 'ForecastPage');
const IdentityProvidersPage = lazyPage(() => import('./features/sso/identity-providers-page'), 'IdentityProvidersPage');
const IncidentNewPage = lazyPage(() => import('./pages/incident-new-page'), 'IncidentNewPage');
const IncidentPage = lazyPage(() => import('./pages/incident-page'), 'IncidentPage');
const IncidentsPage = lazyPage(() => import('./pages/incidents-page'), 'IncidentsPage');
const InvoicesPage = lazyPage(() => import('./pages/invoices-page'), 'InvoicesPage');
const MaintenanceNewPage = lazyPage(() => import('./pages/maintenance-new-page'), 'MaintenanceNewPage');
const MaintenancePage = lazyPage(() => import('./pages/maintenance-page'), 'MaintenancePage');
const MonitorNewPage = lazyPage(() => import('./pages/monitor-new-page'), 'MonitorNewPage');
const MonitorPage = lazyPage(() => import('./pages/monitor-page'), 'MonitorPage');
const MonitorsPage = lazyPage(() => import('./pages/monitors-page'), 'MonitorsPage');
const NotFoundPage = lazyPage(() => import('./pages/not-found-page'), 'NotFoundPage');
const SellerSettingsPage = lazyPage(() => import('./pages/seller-settings-page'), 'SellerSettingsPage');
const ServiceFormPage = lazyPage(() => import('./pages/service-form-page'), 'ServiceFormPage');
const ServicePage = lazyPage(() => import('./pages/service-page'), 'ServicePage');
const ServicesPage = lazyPage(() => import('./pages/services-page'), 'ServicesPage');
const SlaReportPage = lazyPage(() => import('./pages/sla-report-page'), 'SlaReportPage');
const SlaReportStartPage = lazyPage(() => import('./pages/sla-report-start-page'), 'SlaReportStartPage');
const StatusPage = lazyPage(() => import('./pages/status-page'), 'StatusPage');
const TariffsPage = lazyPage(() => import('./pages/tariffs-page'), 'TariffsPage');
const TenantCostsPage = lazyPage(() => import('./pages/tenant-costs-page'), 'TenantCostsPage');
const TenantDetailPage = lazyPage(() => import('./pages/tenant-detail-page'), 'TenantDetailPage');
const TenantFormPage = lazyPage(() => import('./pages/tenant-form-page'), 'TenantFormPage');
const TenantStatusPage = lazyPage(() => import('./pages/tenant-status-page'), 'TenantStatusPage');
const TenantsPage = lazyPage(() => import('./pages/tenants-page'), 'TenantsPage');
const TicketNewPage = lazyPage(() => import('./pages/ticket-new-page'), 'TicketNewPage');
const TicketPage = lazyPage(() => import('./pages/ticket-page'), 'TicketPage');
const TicketsPage = lazyPage(() => import('./pages/tickets-page'), 'TicketsPage');
const TokensPage = lazyPage(() => import('./pages/tokens-page'), 'TokensPage');
const UsageImportPage = lazyPage(() => import('./pages/usage-import-page'), 'UsageImportPage');

/** Tenant roles land on their own municipality; agency roles on the list. */
function Home() {
  const { user } = useSession();
  return <Navigate to={user?.tenantId ? `/municipalities/${user.tenantId}` : '/municipalities'} replace />;
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path="login" element={<LoginPage />} />
        <Route path="enrol" element={<EnrolPage />} />
        <Route path="accessibility" element={<AccessibilityPage />} />
        <Route path="status" element={<StatusPage />} />
        <Route path="invitation" element={<InvitationPage />} />
        <Route element={<RequireAuth />}>
          <Route index element={<Home />} />
          <Route path="municipalities" element={<TenantsPage />} />
          <Route
            path="municipalities/new"
            element={
              <RequirePermission permission="tenants.write">
                <TenantFormPage />
              </RequirePermission>
            }
          />
          <Route path="municipalities/:id" element={<TenantDetailPage />} />
          <Route path="municipalities/:id/status" element={<TenantStatusPage />} />
          <Route
            path="municipalities/:id/edit"
            element={
              <RequirePermission permission="tenants.write">
                <TenantFormPage />
              </RequirePermission>
            }
          />
          <Route
            path="municipalities/:id/agreements/new"
            element={
              <RequirePermission permission="agreements.write">
                <AgreementFormPage />
              </RequirePermission>
            }
          />
          <Route
            path="municipalities/:id/agreements/:agreementId"
            element={
              <RequirePermission permission="agreements.read">
                <AgreementPage />
              </RequirePermission>
            }
          />
          <Route
            path="municipalities/:id/agreements/:agreementId/edit"
            element={
              <RequirePermission permission="agreements.write">
                <AgreementFormPage />
              </RequirePermission>
            }
          />
          <Route
            path="users"
            element={
              <RequirePermission permission="agencyUsers.manage">
                <AgencyUsersPage />
              </RequirePermission>
            }
          />
          <Route
            path="tokens"
            element={
              <RequirePermission permission="tokens.manage">
                <TokensPage />
              </RequirePermission>
            }
          />
          <Route
            path="identity-providers"
            element={
              <RequirePermission permission="identityProviders.read">
                <IdentityProvidersPage />
              </RequirePermission>
            }
          />
          <Route
            path="audit"
            element={
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route
            path="tickets"
            element={
              <RequirePermission permission="tickets.read">
                <TicketsPage />
              </RequirePermission>
            }
          />
          <Route
            path="tickets/new"
            element={
              <RequirePermission permission="tickets.write">
                <TicketNewPage />
              </RequirePermission>
            }
          />
          <Route
            path="tickets/:id"
            element={
              <RequirePermission permission="tickets.read">
                <TicketPage />
              </RequirePermission>
            }
          />
          <Route path="calendars" element={<CalendarsPage />} />
          <Route path="calendars/:id" element={<CalendarPage />} />
          <Route
            path="desk-report"
            element={
              <RequirePermission permission="deskReports.read">
                <DeskReportStartPage />
              </RequirePermission>
            }
          />
          <Route
            path="municipalities/:id/desk-report/:month?"
            element={
              <RequirePermission permission="deskReports.read">
                <DeskReportPage />
              </RequirePermission>
            }
          />
          <Route path="services" element={<ServicesPage />} />
          <Route
            path="services/new"
            element={
              <RequirePermission permission="services.write">
                <ServiceFormPage />
              </RequirePermission>
            }
          />
          <Route path="services/:id" element={<ServicePage />} />
          <Route
            path="services/:id/edit"
            element={
              <RequirePermission permission="services.write">
                <ServiceFormPage />
              </RequirePermission>
            }
          />
          <Route
            path="incidents"
            element={
              <RequirePermission permission="incidents.write">
                <IncidentsPage />
              </RequirePermission>
            }
          />
          <Route
            path="incidents/new"
            element={
              <RequirePermission permission="incidents.write">
                <IncidentNewPage />
              </RequirePermission>
            }
          />
          <Route
            path="incidents/:id"
            element={
              <RequirePermission permission="incidents.write">
                <IncidentPage />
              </RequirePermission>
            }
          />
          <Route
            path="monitors"
            element={
              <RequirePermission permission="monitors.read">
                <MonitorsPage />
              </RequirePermission>
            }
          />
          <Route
            path="monitors/new"
            element={
              <RequirePermission permission="monitors.write">
                <MonitorNewPage />
              </RequirePermission>
            }
          />
          <Route
            path="monitors/:id"
            element={
              <RequirePermission permission="monitors.read">
                <MonitorPage />
              </RequirePermission>
            }
          />
          <Route path="maintenance" element={<MaintenancePage />} />
          <Route
            path="maintenance/new"
            element={
              <RequirePermission permission="maintenance.write">
                <MaintenanceNewPage />
              </RequirePermission>
            }
          />
          <Route
            path="sla-report"
            element={
              <RequirePermission permission="slaReports.read">
                <SlaReportStartPage />
              </RequirePermission>
            }
          />
          <Route
            path="municipalities/:id/sla-reports/:month?"
            element={
              <RequirePermission permission="slaReports.read">
                <SlaReportPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing/runs"
            element={
              <RequirePermission permission="billing.read">
                <BillingRunsPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing/runs/:id"
            element={
              <RequirePermission permission="billing.read">
                <BillingRunPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing/invoices"
            element={
              <RequirePermission permission="billing.read">
                <InvoicesPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing/tariffs"
            element={
              <RequirePermission permission="billing.read">
                <TariffsPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing/cost-pools"
            element={
              <RequirePermission permission="billing.read">
                <CostPoolsPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing/forecast"
            element={
              <RequirePermission permission="forecast.read">
                <ForecastPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing/usage"
            element={
              <RequirePermission permission="billing.write">
                <UsageImportPage />
              </RequirePermission>
            }
          />
          <Route
            path="billing/seller"
            element={
              <RequirePermission permission="billing.read">
                <SellerSettingsPage />
              </RequirePermission>
            }
          />
          <Route
            path="municipalities/:id/costs"
            element={
              <RequirePermission permission="statements.read">
                <TenantCostsPage />
              </RequirePermission>
            }
          />
          <Route path="account" element={<AccountPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

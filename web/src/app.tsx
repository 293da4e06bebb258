import { Navigate, Route, Routes } from 'react-router-dom';
import { Layout } from './components/layout';
import { RequireAuth } from './components/require-auth';
import { RequirePermission } from './components/require-role';
import { AccessibilityPage } from './pages/accessibility-page';
import { AccountPage } from './pages/account-page';
import { AgencyUsersPage } from './pages/agency-users-page';
import { AgreementFormPage } from './pages/agreement-form-page';
import { AgreementPage } from './pages/agreement-page';
import { AuditPage } from './pages/audit-page';
import { CalendarPage } from './pages/calendar-page';
import { CalendarsPage } from './pages/calendars-page';
import { DeskReportPage } from './pages/desk-report-page';
import { DeskReportStartPage } from './pages/desk-report-start-page';
import { IncidentNewPage } from './pages/incident-new-page';
import { IncidentPage } from './pages/incident-page';
import { IncidentsPage } from './pages/incidents-page';
import { LoginPage } from './pages/login-page';
import { MaintenanceNewPage } from './pages/maintenance-new-page';
import { MaintenancePage } from './pages/maintenance-page';
import { MonitorNewPage } from './pages/monitor-new-page';
import { MonitorPage } from './pages/monitor-page';
import { MonitorsPage } from './pages/monitors-page';
import { NotFoundPage } from './pages/not-found-page';
import { ServiceFormPage } from './pages/service-form-page';
import { ServicePage } from './pages/service-page';
import { ServicesPage } from './pages/services-page';
import { SlaReportPage } from './pages/sla-report-page';
import { SlaReportStartPage } from './pages/sla-report-start-page';
import { StatusPage } from './pages/status-page';
import { TenantDetailPage } from './pages/tenant-detail-page';
import { TenantFormPage } from './pages/tenant-form-page';
import { TenantStatusPage } from './pages/tenant-status-page';
import { TenantsPage } from './pages/tenants-page';
import { TicketNewPage } from './pages/ticket-new-page';
import { TicketPage } from './pages/ticket-page';
import { TicketsPage } from './pages/tickets-page';
import { TokensPage } from './pages/tokens-page';
import { BillingRunPage } from './pages/billing-run-page';
import { BillingRunsPage } from './pages/billing-runs-page';
import { CostPoolsPage } from './pages/cost-pools-page';
import { InvoicesPage } from './pages/invoices-page';
import { SellerSettingsPage } from './pages/seller-settings-page';
import { TariffsPage } from './pages/tariffs-page';
import { TenantCostsPage } from './pages/tenant-costs-page';
import { UsageImportPage } from './pages/usage-import-page';
import { useSession } from './session';

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
        <Route path="accessibility" element={<AccessibilityPage />} />
        <Route path="status" element={<StatusPage />} />
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

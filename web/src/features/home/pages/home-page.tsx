import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading';
import { can } from '../../../permissions';
import { useSession } from '../../../session';
import { ChainCard, RecentAuditCard } from '../components/audit-cards';
import { TicketDeadlinesCard } from '../components/desk-cards';
import { MonthEndCard } from '../components/finance-cards';
import { SlaReportsToPublishCard } from '../components/sla-cards';
import { LatestInvoiceCard, OwnServicesCard } from '../components/municipality-cards';
import { OpenIncidentsCard, OutboxFailuresCard, TroubledMonitorsCard } from '../components/operator-cards';

/**
 * The start page: what waits on the signed-in person, by role, each card linking to where the
 * work is done. Cards show only what the person's permissions let them read.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  const role = user.role;
  const tenantId = user.tenantId;
  return (
    <>
      <PageHeading title={t('home.title')}>
        <p className="lead">{t(`home.intro.${role}`)}</p>
      </PageHeading>
      <div className="home-grid">
        {tenantId !== null ? (
          <>
            <OwnServicesCard tenantId={tenantId} />
            {can(user, 'tickets.read') && <TicketDeadlinesCard tenantId={tenantId} />}
            {can(user, 'invoices.read') && <LatestInvoiceCard tenantId={tenantId} />}
          </>
        ) : (
          <>
            {role === 'desk_agent' && <TicketDeadlinesCard />}
            {(role === 'operator' || role === 'desk_agent') && <TroubledMonitorsCard />}
            {can(user, 'incidents.write') && <OpenIncidentsCard />}
            {role === 'operator' && <TicketDeadlinesCard />}
            {can(user, 'outbox.read') && <OutboxFailuresCard />}
            {role === 'finance' && <MonthEndCard />}
            {(role === 'operator' || role === 'finance') && <SlaReportsToPublishCard />}
            {role === 'auditor' && (
              <>
                <ChainCard />
                <RecentAuditCard />
              </>
            )}
          </>
        )}
      </div>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { deskReportPath } from '../../../desk-paths';
import { monthOf, shiftMonth } from '../../../business-minutes';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { isTenantRole } from '../../../roles';

/** On a municipality's page: its tickets and its monthly desk report, for those who may see them. */
export function TenantDeskLinks({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const tickets = can(user, 'tickets.read');
  const report = can(user, 'desk_reports.read');
  if (!tickets && !report) return null;
  return (
    <section aria-labelledby="tenant-desk" className="section">
      <h2 id="tenant-desk">{t('deskReport.sectionTitle')}</h2>
      <ul className="link-list">
        {tickets && (
          <li>
            <Link to={isTenantRole(user.role) ? '/tickets' : `/tickets?tenant=${encodeURIComponent(tenantId)}`}>{t('deskReport.tenantTickets')}</Link>
          </li>
        )}
        {report && (
          <li>
            <Link to={deskReportPath(tenantId, shiftMonth(monthOf(), -1))}>{t('deskReport.lastMonthReport')}</Link>
          </li>
        )}
      </ul>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { isTenantRole } from '../../../roles';

/** On a municipality's page: its invoices and costs, for those who may read its statements. */
export function TenantCostLinks({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const { t } = useTranslation();
  const user = useUser();
  // A municipality's own roles see their own costs only; the server would answer 404 for others.
  const allowed = can(user, 'statements.read') && (!isTenantRole(user.role) || user.tenantId === tenantId);
  if (!allowed) return null;
  return (
    <section aria-labelledby="tenant-costs" className="section">
      <h2 id="tenant-costs">{t('billing.costsTitle')}</h2>
      <ul className="link-list">
        <li>
          <Link to={`/municipalities/${encodeURIComponent(tenantId)}/costs`}>{t('billing.costsLink', { name: tenantName })}</Link>
        </li>
      </ul>
    </section>
  );
}

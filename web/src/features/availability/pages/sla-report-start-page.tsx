import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { monthOf, shiftMonth } from '../../../business-minutes';
import { DeskReportPicker } from '../../../components/desk-report-picker';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { slaReportPath } from '../../../desk-paths';
import { useUser } from '../../../session';
import { useTenants } from '../../municipalities/queries';

/** The SLA report from the navigation: a municipality sees its own last month, agency staff choose. */
export function SlaReportStartPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const tenants = useTenants(user.tenantId === null);
  const lastMonth = shiftMonth(monthOf(), -1);
  if (user.tenantId) return <Navigate to={slaReportPath(user.tenantId, lastMonth)} replace />;
  return (
    <>
      <PageHeading title={t('slaReport.title')}>
        <p className="lead">{t('slaReport.startIntro')}</p>
      </PageHeading>
      {tenants.error !== null && <ProblemMessage error={tenants.error} summary={t('tickets.tenantsFailed')} onRetry={tenants.reload} />}
      <DeskReportPicker tenants={tenants.data ?? []} tenantId="" month={lastMonth} onShow={(tenantId, month) => navigate(slaReportPath(tenantId, month))} />
    </>
  );
}

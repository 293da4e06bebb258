import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { deskReportPath } from '../../../desk-paths';
import { monthOf, shiftMonth } from '../../../business-minutes';
import { DeskReportPicker } from '../../../components/desk-report-picker';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { useUser } from '../../../session';
import { useTenants } from '../../municipalities/queries';

/** The desk report from the navigation, on the last ended month: a municipality sees its own, agency staff choose one. */
export function DeskReportStartPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const tenants = useTenants(user.tenantId === null);
  // Like the availability report: the last month that has ended, the one with something to report.
  const lastMonth = shiftMonth(monthOf(), -1);
  if (user.tenantId) return <Navigate to={deskReportPath(user.tenantId, lastMonth)} replace />;
  return (
    <>
      <PageHeading title={t('deskReport.title')}>
        <p className="lead">{t('deskReport.startIntro')}</p>
      </PageHeading>
      {tenants.error !== null && <ProblemMessage error={tenants.error} summary={t('tickets.tenantsFailed')} onRetry={tenants.reload} />}
      <DeskReportPicker tenants={tenants.data ?? []} tenantId="" month={lastMonth} onShow={(tenantId, month) => navigate(deskReportPath(tenantId, month))} />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { MONTH, monthOf, shiftMonth } from '../business-minutes';
import { monthName } from '../calendar-format';
import { AsyncSection } from '../components/async-section';
import { Breadcrumbs } from '../components/breadcrumbs';
import { DeskReportPicker } from '../components/desk-report-picker';
import { PageHeading } from '../components/page-heading';
import { SlaReportBody } from '../components/sla-report-body';
import { deskReportPath } from '../desk-paths';
import { useResource } from '../hooks/use-resource';
import { monitoringApi, slaReportLinks, slaReportPath } from '../monitoring-api';
import { can } from '../permissions';
import { useUser } from '../session';
import { statusApi } from '../status-api';
import { localName } from '../status-format';
import { isTenantRole } from '../types';

/** A municipality's availability in one month: each service against its target, with the evidence and downloads. */
export function SlaReportPage() {
  const { t } = useTranslation();
  const { id = '', month = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const agency = !isTenantRole(user.role);
  const valid = MONTH.test(month);
  const tenant = useResource((signal) => api.tenants.get(id, signal), [id]);
  const tenants = useResource(agency ? (signal) => api.tenants.list(signal) : null, [agency]);
  const services = useResource((signal) => statusApi.services.list(signal), []);
  const report = useResource(valid ? (signal) => monitoringApi.slaReport(id, month, signal) : null, [id, month, valid]);

  if (!valid) return <Navigate to={slaReportPath(id)} replace />;

  const monthTitle = t('calendar.monthTitle', { month: monthName(month), year: month.slice(0, 4) });
  const name = tenant.data?.name ?? '';
  const title = t('slaReport.title');

  return (
    <>
      <Breadcrumbs
        items={[
          ...(agency ? [{ label: t('nav.municipalities'), to: '/municipalities' }] : []),
          { label: name || t('common.loadingShort'), to: `/municipalities/${id}` },
          { label: title },
        ]}
      />
      <PageHeading
        title={title}
        documentTitle={`${title}: ${monthTitle}${name ? ` — ${name}` : ''}`}
        actions={
          <>
            <a href={slaReportLinks.csv(id, month)} className="button button-secondary" download>
              {t('slaReport.csv')}
            </a>
            <a href={slaReportLinks.pdf(id, month)} className="button button-secondary" download>
              {t('slaReport.pdf')}
            </a>
          </>
        }
      >
        <p className="lead">
          {name && `${name} · `}
          {monthTitle}
        </p>
        {can(user.role, 'deskReports.read') && (
          <p>
            <Link to={deskReportPath(id, month)}>{t('slaReport.deskLink', { month: monthTitle })}</Link>
          </p>
        )}
      </PageHeading>
      <nav className="month-nav" aria-label={t('deskReport.monthNav')}>
        <Link to={slaReportPath(id, shiftMonth(month, -1))} className="button button-secondary button-small">
          <span aria-hidden="true">‹ </span>
          {t('deskReport.previous', { month: monthName(shiftMonth(month, -1)) })}
        </Link>
        {month !== monthOf() && (
          <Link to={slaReportPath(id)} className="button button-secondary button-small">
            {t('calendar.thisMonth')}
          </Link>
        )}
        <Link to={slaReportPath(id, shiftMonth(month, 1))} className="button button-secondary button-small">
          {t('deskReport.next', { month: monthName(shiftMonth(month, 1)) })}
          <span aria-hidden="true"> ›</span>
        </Link>
      </nav>
      <DeskReportPicker key={`${id}|${month}`} tenants={agency ? (tenants.data ?? []) : null} tenantId={id} month={month} onShow={(tenantId, m) => navigate(slaReportPath(tenantId, m))} />
      <AsyncSection resource={report}>{(r) => (
          <SlaReportBody
            report={r}
            monthTitle={monthTitle}
            name={(s) => {
              const found = services.data?.find((x) => x.id === s.serviceId);
              return found ? localName(found.name) : s.serviceName;
            }}
          />
        )}</AsyncSection>
    </>
  );
}

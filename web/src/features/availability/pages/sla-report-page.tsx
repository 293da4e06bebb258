import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { MONTH, monthOf, shiftMonth } from '../../../business-minutes';
import { monthName } from '../../../calendar-format';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { DeskReportPicker } from '../../../components/desk-report-picker';
import { PageHeading } from '../../../components/page-heading';
import { deskReportPath, slaReportPath } from '../../../desk-paths';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { localName } from '../../../local-name';
import { isTenantRole } from '../../../roles';
import { useTenants, useTenant } from '../../municipalities/queries';
import { useServices } from '../../catalogue/queries';
import { SlaExcludeDialog } from '../components/sla-exclude-dialog';
import { SlaExclusionList } from '../components/sla-exclusion-list';
import { SlaWithdrawDialog } from '../components/sla-withdraw-dialog';
import { SlaPublications } from '../components/sla-publications';
import { SlaReportView } from '../components/sla-report-view';
import { SlaReportBody } from '../components/sla-report-body';
import { slaReportLinks, useSlaExclusions, useSlaPublications, useSlaReport, type Outage, type ServiceReport, type SlaExclusion } from '../queries';
import { DownloadLink } from '../../../components/download-link';

/** A municipality's availability in one month: each service against its target, with the evidence and downloads. */
export function SlaReportPage() {
  const { t } = useTranslation();
  const { id = '', month = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const agency = !isTenantRole(user.role);
  const valid = MONTH.test(month);
  const tenant = useTenant(id);
  const tenants = useTenants(agency);
  const services = useServices();
  const [params, setParams] = useSearchParams();
  const operator = can(user, 'sla_reports.publish');
  const live = operator && params.get('view') === 'live';
  const report = useSlaReport(id, month, live, valid);
  const publications = useSlaPublications(id, month, valid);
  const period = report.data?.services[0];
  const exclusions = useSlaExclusions(period ? { from: period.periodStart, to: period.periodEnd } : null);
  const [excluding, setExcluding] = useState<{ service: ServiceReport; serviceName: string; outage: Outage } | null>(null);
  const [withdrawing, setWithdrawing] = useState<{ exclusion: SlaExclusion; serviceName: string } | null>(null);
  const [said, setSaid] = useState('');

  if (!valid) return <Navigate to={slaReportPath(id)} replace />;

  const monthTitle = t('calendar.monthTitle', { month: monthName(month), year: month.slice(0, 4) });
  const name = tenant.data?.name ?? '';
  const title = t('slaReport.title');
  const serviceName = (s: ServiceReport) => {
    const found = services.data?.find((x) => x.id === s.serviceId);
    return found ? localName(found.name) : s.serviceName;
  };
  const serviceNameById = (serviceId: string) => {
    const found = services.data?.find((x) => x.id === serviceId);
    return found ? localName(found.name) : t('common.loadingShort');
  };
  const showLive = (on: boolean) => setParams(on ? { view: 'live' } : {}, { replace: true });

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
            <DownloadLink href={slaReportLinks.pdf(id, month)} className="button button-secondary" preparing={t('common.preparingPdf')}>
              {t('slaReport.pdf')}
            </DownloadLink>
          </>
        }
      >
        <p className="lead">
          {name && `${name} · `}
          {monthTitle}
        </p>
        {can(user, 'desk_reports.read') && (
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
      <p role="status" className="status-line">
        {said}
      </p>
      <SlaPublications
        tenantId={id}
        month={month}
        monthTitle={monthTitle}
        publications={publications}
        canPublish={operator}
        onPublished={(p) => {
          setSaid(p.version === 1 ? t('slaPublish.done', { month: monthTitle }) : t('slaPublish.corrected', { month: monthTitle, version: p.version }));
          if (live) showLive(false);
        }}
      />
      <AsyncSection resource={report}>
        {(r) => (
          <>
            <SlaReportView publication={r.publication ?? null} live={live} canSwitch={operator && (publications.data?.length ?? 0) > 0} onSwitch={showLive} />
            <SlaReportBody report={r} monthTitle={monthTitle} name={serviceName} onExclude={can(user, 'sla_exclusions.write') ? (service, outage) => setExcluding({ service, serviceName: serviceName(service), outage }) : undefined} />
            <SlaExclusionList
              exclusions={exclusions}
              tenantId={id}
              inReport={new Set(r.services.flatMap((s) => s.exclusions.map((x) => x.id)))}
              frozen={Boolean(r.publication)}
              serviceName={serviceNameById}
              onWithdraw={can(user, 'sla_exclusions.write') ? (exclusion) => setWithdrawing({ exclusion, serviceName: serviceNameById(exclusion.serviceId) }) : undefined}
            />
          </>
        )}
      </AsyncSection>
      <SlaExcludeDialog
        target={excluding}
        tenantId={id}
        tenantName={name}
        onClose={() => setExcluding(null)}
        onExcluded={() => {
          const frozen = Boolean(report.data?.publication);
          setSaid(frozen ? t('slaExclusion.doneFrozen') : t('slaExclusion.done'));
          if (frozen && !live) showLive(true);
        }}
      />
      <SlaWithdrawDialog
        target={withdrawing}
        onClose={() => setWithdrawing(null)}
        onWithdrawn={() => {
          const frozen = Boolean(report.data?.publication);
          setSaid(frozen ? t('slaExclusion.withdrawnFrozen') : t('slaExclusion.withdrawn'));
          if (frozen && !live) showLive(true);
        }}
      />
    </>
  );
}

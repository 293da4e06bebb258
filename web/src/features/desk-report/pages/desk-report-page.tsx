import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { MONTH, monthOf, shiftMonth } from '../../../business-minutes';
import { monthName } from '../../../calendar-format';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { DeskReportBreaches } from '../components/desk-report-breaches';
import { DeskReportChannels } from '../components/desk-report-channels';
import { DeskReportChart } from '../components/desk-report-chart';
import { DeskReportFigures } from '../components/desk-report-figures';
import { DeskReportPicker } from '../../../components/desk-report-picker';
import { PageHeading } from '../../../components/page-heading';
import { deskReportPath } from '../../../desk-paths';
import { TICKET_CATEGORIES } from '../../../../../src/domain/desk/ticket';
import { useUser } from '../../../session';
import { isTenantRole, PRIORITIES } from '../../../roles';
import { useTenants, useTenant } from '../../municipalities/queries';
import { deskReportCsvHref, useDeskReport } from '../queries';

/** A municipality's service desk in one month: key figures, tickets by priority and category, breaches, CSV. */
export function DeskReportPage() {
  const { t } = useTranslation();
  const { id = '', month = '' } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const agency = !isTenantRole(user.role);
  const valid = MONTH.test(month);
  const tenant = useTenant(id);
  const tenants = useTenants(agency);
  const report = useDeskReport(id, month, valid);

  if (!valid) return <Navigate to={deskReportPath(id)} replace />;

  const monthTitle = t('calendar.monthTitle', { month: monthName(month), year: month.slice(0, 4) });
  const name = tenant.data?.name ?? '';
  const title = t('deskReport.title');

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
          <a href={deskReportCsvHref(id, month)} className="button button-secondary" download>
            {t('deskReport.csv')}
          </a>
        }
      >
        <p className="lead">
          {name && `${name} · `}
          {monthTitle}
        </p>
      </PageHeading>
      <nav className="month-nav" aria-label={t('deskReport.monthNav')}>
        <Link to={deskReportPath(id, shiftMonth(month, -1))} className="button button-secondary button-small">
          <span aria-hidden="true">‹ </span>
          {t('deskReport.previous', { month: monthName(shiftMonth(month, -1)) })}
        </Link>
        {month !== monthOf() && (
          <Link to={deskReportPath(id, monthOf())} className="button button-secondary button-small">
            {t('calendar.thisMonth')}
          </Link>
        )}
        <Link to={deskReportPath(id, shiftMonth(month, 1))} className="button button-secondary button-small">
          {t('deskReport.next', { month: monthName(shiftMonth(month, 1)) })}
          <span aria-hidden="true"> ›</span>
        </Link>
      </nav>
      <DeskReportPicker key={`${id}|${month}`} tenants={agency ? (tenants.data ?? []) : null} tenantId={id} month={month} onShow={(tenantId, m) => navigate(deskReportPath(tenantId, m))} />
      <AsyncSection resource={report}>
        {(r) => (
          <>
            <section className="section" aria-labelledby="report-figures">
              <h2 id="report-figures">{t('deskReport.figures')}</h2>
              <DeskReportFigures report={r} />
              <p className="muted">{t('deskReport.figuresNote')}</p>
            </section>
            <section className="section" aria-labelledby="report-charts">
              <h2 id="report-charts">{t('deskReport.byKind')}</h2>
              <div className="chart-row">
                <DeskReportChart
                  title={t('deskReport.byPriority')}
                  rowHeader={t('ticket.priority')}
                  rows={PRIORITIES.map((p) => ({ label: `${p} ${t(`priority.${p}`)}`, value: r.byPriority[p] }))}
                />
                <DeskReportChart
                  title={t('deskReport.byCategory')}
                  rowHeader={t('ticket.category')}
                  rows={TICKET_CATEGORIES.map((c) => ({ label: t(`ticketCategory.${c}`), value: r.byCategory[c] }))}
                />
              </div>
            </section>
            <section className="section" aria-labelledby="report-channels">
              <h2 id="report-channels">{t('deskReport.channelsTitle')}</h2>
              <p className="muted">{t('deskReport.channelsIntro')}</p>
              <DeskReportChannels table={r.byServiceChannel} caption={t('deskReport.channelsCaption', { month: monthTitle })} />
            </section>
            <section className="section" aria-labelledby="report-breaches">
              <h2 id="report-breaches">{t('deskReport.breaches')}</h2>
              <DeskReportBreaches breaches={r.breaches} caption={t('deskReport.breachesCaption', { month: monthTitle })} />
            </section>
          </>
        )}
      </AsyncSection>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import { formatPercent } from '../../../status-format';
import type { Outage, ServiceReport, SlaReport } from '../queries';
import { SlaAvailabilityChart } from './sla-availability-chart';
import { SlaReportTable } from './sla-report-table';
import { SlaServiceEvidence } from './sla-service-evidence';

const DEFAULT_TARGET = 97;

/** The report itself: the answer in one sentence, the chart, the table, each service's evidence and the definitions. */
interface Props {
  report: SlaReport;
  monthTitle: string;
  /** The service's name in the UI language (the report carries the Latvian one). */
  name: (service: ServiceReport) => string;
  /** Operators: exclude one of a service's outages from the SLA. */
  onExclude?: (service: ServiceReport, outage: Outage) => void;
}

export function SlaReportBody({ report, monthTitle, name, onExclude }: Props) {
  const { t } = useTranslation();
  const services = report.services;
  if (services.length === 0) return <p>{t('slaReport.noServices')}</p>;
  const measured = services.filter((s) => s.availabilityPercent !== null);
  const met = measured.filter((s) => s.met).length;
  const targets = [...new Set(services.map((s) => s.targetPercent))];
  const target = targets.length === 1 ? targets[0]! : DEFAULT_TARGET;

  return (
    <>
      {report.inProgress && <p className="message message-neutral">{t('slaReport.inProgress', { upTo: formatInstant(report.upTo) })}</p>}
      <p className={`message ${met === measured.length ? 'message-success' : 'message-error'}`}>
        {t('slaReport.summary', { met, measured: measured.length, total: services.length })}
      </p>
      <section className="section" aria-labelledby="sla-availability">
        <h2 id="sla-availability">{t('slaReport.availabilityTitle')}</h2>
        <SlaAvailabilityChart
          title={t('slaReport.chartTitle', { month: monthTitle })}
          target={target}
          rows={services.map((s) => ({ label: name(s), percent: s.availabilityPercent, text: formatPercent(t, s.availabilityPercent), met: s.met }))}
        />
        {targets.length > 1 && <p className="muted">{t('slaReport.severalTargets', { targets: targets.map((x) => formatPercent(t, x)).join(', ') })}</p>}
        <SlaReportTable caption={t('slaReport.tableCaption', { month: monthTitle })} services={services} name={name} />
      </section>
      <section className="section" aria-labelledby="sla-evidence">
        <h2 id="sla-evidence">{t('slaReport.evidence')}</h2>
        {services.map((s) => (
          <SlaServiceEvidence key={s.serviceId} report={s} name={name(s)} onExclude={onExclude && ((o) => onExclude(s, o))} />
        ))}
      </section>
      <section className="section prose" aria-labelledby="sla-definitions">
        <h2 id="sla-definitions">{t('slaReport.definitions')}</h2>
        <ul>
          {(['availability', 'coverage', 'down', 'maintenance', 'unknown', 'excluded'] as const).map((key) => (
            <li key={key}>{t(`slaReport.definition.${key}`)}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { formatInstant } from '../../../format';
import { formatSeconds } from '../../../status-format';
import type { Outage, ServiceReport } from '../queries';

interface Props {
  report: ServiceReport;
  name: string;
  /** Offers, per outage not yet wholly excluded, to exclude it from the SLA (operators). */
  onExclude?: (outage: Outage) => void;
}

/** One service's evidence for the month: its outages, the outages excluded and why, and its maintenance. */
export function SlaServiceEvidence({ report, name, onExclude }: Props) {
  const { t } = useTranslation();
  const headingId = `sla-evidence-${report.serviceId}`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {name} <span className="muted service-code">({report.serviceCode})</span>
      </h3>
      {report.outages.length === 0 ? (
        <p>{t('slaReport.noOutages')}</p>
      ) : (
        <DataTable caption={t('slaReport.outagesCaption', { name })} className="table-compact">
          <thead>
            <tr>
              <th scope="col">{t('slaReport.outageStart')}</th>
              <th scope="col">{t('slaReport.outageEnd')}</th>
              <th scope="col">{t('slaReport.duration')}</th>
              <th scope="col">{t('slaReport.excluded')}</th>
              {onExclude && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {report.outages.map((o) => (
              <tr key={o.start}>
                <th scope="row">
                  <time dateTime={o.start}>{formatInstant(o.start)}</time>
                </th>
                <td>
                  <time dateTime={o.end}>{formatInstant(o.end)}</time>
                </td>
                <td>{formatSeconds(t, o.seconds)}</td>
                <td>{o.excludedSeconds > 0 ? formatSeconds(t, o.excludedSeconds) : t('common.no')}</td>
                {onExclude && (
                  <td>
                    {o.excludedSeconds < o.seconds ? (
                      <button type="button" className="button button-secondary button-small" onClick={() => onExclude(o)}>
                        {t('slaExclusion.exclude')}
                        <span className="visually-hidden"> {t('slaExclusion.outageFrom', { start: formatInstant(o.start) })}</span>
                      </button>
                    ) : (
                      t('slaExclusion.wholly')
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {report.exclusions.length > 0 && (
        <>
          <h4>{t('slaReport.exclusions')}</h4>
          <ul>
            {report.exclusions.map((x) => (
              <li key={x.id}>
                <time dateTime={x.startsAt}>{formatInstant(x.startsAt)}</time> – <time dateTime={x.endsAt}>{formatInstant(x.endsAt)}</time>: {x.reason}{' '}
                <span className="muted">({t('slaReport.excludedBy', { name: x.createdBy, at: formatInstant(x.createdAt) })})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.maintenance.length > 0 && (
        <>
          <h4>{t('slaReport.maintenance')}</h4>
          <ul>
            {report.maintenance.map((m) => (
              <li key={m.id}>
                {m.title}: <time dateTime={m.startsAt}>{formatInstant(m.startsAt)}</time> – <time dateTime={m.endsAt}>{formatInstant(m.endsAt)}</time>{' '}
                <span className="muted">
                  ({m.announcedAt === null ? t('maintenance.notAnnounced') : `${t('maintenance.announcedAt')} ${formatInstant(m.announcedAt)}`}; {m.counted ? t('slaReport.maintenanceCounted') : t('slaReport.maintenanceNotCounted')})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

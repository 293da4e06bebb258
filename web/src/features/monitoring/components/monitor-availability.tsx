import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';
import { ServiceStateBadge } from '../../../components/service-state-badge';
import { formatInstant } from '../../../format';
import { formatPercent, formatSeconds } from '../../../status-format';
import { useMonitorRange } from '../monitor-range';
import { AVAILABILITY_RANGES, useMonitorAvailability, type MonitorAvailability } from '../queries';

/** Changes shown before "show all": most ranges have a handful, a flapping monitor hundreds. */
const FIRST_EVENTS = 20;

/** A monitor's uptime and its changes between up, down and unknown over 24 h, 7, 30 or 90 days; the range is kept in the address. */
export function MonitorAvailabilitySection({ monitorId, name }: { monitorId: string; name: string }) {
  const { t } = useTranslation();
  const [range, choose] = useMonitorRange();
  const availability = useMonitorAvailability(monitorId, range);

  return (
    <section className="section" aria-labelledby="monitor-availability">
      <h2 id="monitor-availability">{t('monitorAvailability.title')}</h2>
      <div role="group" aria-label={t('monitorAvailability.rangeLabel')} className="range-switch">
        {AVAILABILITY_RANGES.map((r) => (
          <button key={r} type="button" className="button button-secondary button-small" aria-pressed={r === range} onClick={() => choose(r)}>
            {t(`monitorAvailability.range.${r}`)}
          </button>
        ))}
      </div>
      <AsyncSection resource={availability}>{(data) => <AvailabilityFigures key={data.range} data={data} name={name} />}</AsyncSection>
    </section>
  );
}

function AvailabilityFigures({ data, name }: { data: MonitorAvailability; name: string }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const rangeText = t(`monitorAvailability.range.${data.range}`);
  const events = all ? data.events : data.events.slice(0, FIRST_EVENTS);
  return (
    <>
      <dl className="details">
        <div>
          <dt>{t('monitorAvailability.uptime', { range: rangeText })}</dt>
          <dd>
            <strong>{formatPercent(t, data.uptimePercent)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('serviceState.up')}</dt>
          <dd>{formatSeconds(t, data.upSeconds)}</dd>
        </div>
        <div>
          <dt>{t('serviceState.down')}</dt>
          <dd>{formatSeconds(t, data.downSeconds)}</dd>
        </div>
        <div>
          <dt>{t('serviceState.unknown')}</dt>
          <dd>{formatSeconds(t, data.unknownSeconds)}</dd>
        </div>
      </dl>
      <p className="muted">{t('monitorAvailability.period', { from: formatInstant(data.from), to: formatInstant(data.to) })}</p>
      <DataTable caption={t('monitorAvailability.eventsCaption', { name, range: rangeText })} className="table-compact">
        <thead>
          <tr>
            <th scope="col">{t('monitorAvailability.state')}</th>
            <th scope="col">{t('monitorAvailability.start')}</th>
            <th scope="col">{t('monitorAvailability.end')}</th>
            <th scope="col">{t('monitorAvailability.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.start}>
              <th scope="row">
                <ServiceStateBadge state={e.state} />
              </th>
              <td>
                <time dateTime={e.start}>{formatInstant(e.start)}</time>
              </td>
              <td>{e.ongoing ? t('monitorAvailability.ongoing') : <time dateTime={e.end}>{formatInstant(e.end)}</time>}</td>
              <td>{formatSeconds(t, e.seconds)}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {data.events.length > FIRST_EVENTS && !all && (
        <button type="button" className="button button-secondary button-small" onClick={() => setAll(true)}>
          {t('monitorAvailability.showAll', { count: data.events.length })}
        </button>
      )}
      {all && data.eventsTruncated && <p className="muted">{t('monitorAvailability.truncated', { count: data.events.length })}</p>}
    </>
  );
}

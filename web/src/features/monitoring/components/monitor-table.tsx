import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/data-table';
import { StateBadge } from '../../../components/status-badge';
import { formatInstant, formatNumber } from '../../../format';
import type { LatencySeries, Monitor, MonitorHealth } from '../queries';
import { MonitorLatencyCell } from './monitor-latency-cell';
import { MonitorStateBadge } from './monitor-state-badge';

interface Props {
  caption: string;
  monitors: Monitor[];
  /** Shows the service column, naming each service; null on a service's own page. */
  serviceName: ((id: string) => string) | null;
  /** Names the municipality of an own-instance monitor. */
  tenantName: (id: string) => string;
  /** Live state per monitor id; when given, the table also shows the last check and a 24-hour sparkline. */
  health?: Map<string, MonitorHealth>;
  /** The sparklines' data, loaded once for the whole list. */
  latency?: { data: LatencySeries[] | undefined; error: unknown };
  /** Show the monitors in the order given (the server sorted them) instead of by name. */
  keepOrder?: boolean;
  /** The row whose link takes focus (the first of a page just loaded). */
  focusId?: string | null;
  focusRef?: Ref<HTMLAnchorElement>;
}

/** Monitors with what they check, how often and from where. */
export function MonitorTable({ caption, monitors, serviceName, tenantName, health, latency, keepOrder = false, focusId = null, focusRef }: Props) {
  const { t } = useTranslation();
  const sorted = keepOrder ? monitors : [...monitors].sort((a, b) => a.name.localeCompare(b.name, 'lv'));
  const seriesById = new Map((latency?.data ?? []).map((s) => [s.monitorId, s]));
  return (
    <DataTable caption={caption} captionHidden>
      <thead>
        <tr>
          <th scope="col">{t('monitor.name')}</th>
          {serviceName && <th scope="col">{t('monitor.service')}</th>}
          <th scope="col">{t('monitor.check')}</th>
          <th scope="col">{t('monitor.critical')}</th>
          <th scope="col">{t('monitor.state')}</th>
          {health && <th scope="col">{t('monitor.lastCheck')}</th>}
          {health && <th scope="col">{t('monitor.latency24h')}</th>}
        </tr>
      </thead>
      <tbody>
        {sorted.map((m) => {
          const h = health?.get(m.id);
          return (
          <tr key={m.id} className={m.active ? undefined : 'row-inactive'}>
            <th scope="row">
              <Link to={`/monitors/${m.id}`} ref={m.id === focusId ? focusRef : undefined}>
                {m.name}
              </Link>
              <span className="block muted">{m.tenantId ? t('monitor.ownInstance', { name: tenantName(m.tenantId) }) : t('monitor.shared')}</span>
            </th>
            {serviceName && (
              <td>
                <Link to={`/services/${m.serviceId}`}>{serviceName(m.serviceId)}</Link>
              </td>
            )}
            <td className="monitor-check">
              {t(`monitorType.${m.type}`)}
              {m.target && <span className="block mono break">{m.target}</span>}
              <span className="block muted">
                {t('monitor.everySeconds', { seconds: formatNumber(m.intervalSeconds) })}, {t('monitor.confirmAfter', { count: m.failuresToConfirm })}
              </span>
              <span className="block muted">
                {t('monitor.locations')}: {m.locations.join(', ')}
              </span>
            </td>
            <td>{m.critical ? t('common.yes') : t('common.no')}</td>
            {health ? (
              <td>
                <MonitorStateBadge monitor={m} health={h} />
                {m.active && h?.since && (
                  <span className="block muted">
                    {t('monitor.since')} <time dateTime={h.since}>{formatInstant(h.since)}</time>
                  </span>
                )}
              </td>
            ) : (
              <td>
                <StateBadge tone={m.active ? 'ok' : 'off'} label={m.active ? t('monitor.active') : t('monitor.paused')} />
              </td>
            )}
            {health && (
              <td className="nowrap">
                {h?.lastCheckAt ? (
                  <>
                    <time dateTime={h.lastCheckAt}>{formatInstant(h.lastCheckAt)}</time>
                    {h.lastLatencyMs !== null && <span className="block muted">{t('monitor.latencyMs', { ms: formatNumber(h.lastLatencyMs) })}</span>}
                  </>
                ) : (
                  t('monitor.neverChecked')
                )}
              </td>
            )}
            {health && (
              <td>
                <MonitorLatencyCell series={seriesById.get(m.id)} failed={latency !== undefined && latency.data === undefined && latency.error !== null} />
              </td>
            )}
          </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

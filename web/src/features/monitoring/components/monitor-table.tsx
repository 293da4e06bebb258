import { memo, useMemo, type Ref } from 'react';
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

/**
 * Monitors with what they check, how often and from where. The table and each row are memoised:
 * the monitors page's other queries (counts, names, states, sparklines) arrive one after another,
 * and each arrival re-rendered all 50 rows (ADR 0026); now a row renders again only when what it
 * shows changed. The callers keep their props stable (the page memoises them) for this to hold.
 */
export const MonitorTable = memo(function MonitorTable({ caption, monitors, serviceName, tenantName, health, latency, keepOrder = false, focusId = null, focusRef }: Props) {
  const { t } = useTranslation();
  const sorted = useMemo(() => (keepOrder ? monitors : [...monitors].sort((a, b) => a.name.localeCompare(b.name, 'lv'))), [monitors, keepOrder]);
  const seriesById = useMemo(() => new Map((latency?.data ?? []).map((s) => [s.monitorId, s])), [latency?.data]);
  const latencyFailed = latency !== undefined && latency.data === undefined && latency.error !== null;
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
        {sorted.map((m) => (
          <MonitorRow
            key={m.id}
            monitor={m}
            serviceName={serviceName ? serviceName(m.serviceId) : null}
            ownerName={m.tenantId ? tenantName(m.tenantId) : null}
            showHealth={health !== undefined}
            health={health?.get(m.id)}
            series={seriesById.get(m.id)}
            latencyFailed={latencyFailed}
            focusRef={m.id === focusId ? focusRef : undefined}
          />
        ))}
      </tbody>
    </DataTable>
  );
});

interface RowProps {
  monitor: Monitor;
  /** The service's name, or null when the table has no service column. */
  serviceName: string | null;
  /** The municipality's name of an own-instance monitor; null for a shared one. */
  ownerName: string | null;
  showHealth: boolean;
  health: MonitorHealth | undefined;
  series: LatencySeries | undefined;
  latencyFailed: boolean;
  focusRef: Ref<HTMLAnchorElement> | undefined;
}

/**
 * One monitor's row. Its props are the row's own values (names as text, not the lookups), so a
 * query that changes nothing in this row leaves it alone; it reads the language itself, so a
 * language switch still renders it again.
 */
const MonitorRow = memo(function MonitorRow({ monitor: m, serviceName, ownerName, showHealth, health: h, series, latencyFailed, focusRef }: RowProps) {
  const { t } = useTranslation();
  return (
    <tr className={m.active ? undefined : 'row-inactive'}>
      <th scope="row">
        <Link to={`/monitors/${m.id}`} ref={focusRef}>
          {m.name}
        </Link>
        <span className="block muted">{ownerName !== null ? t('monitor.ownInstance', { name: ownerName }) : t('monitor.shared')}</span>
      </th>
      {serviceName !== null && (
        <td>
          <Link to={`/services/${m.serviceId}`}>{serviceName}</Link>
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
      {showHealth ? (
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
      {showHealth && (
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
      {showHealth && (
        <td>
          <MonitorLatencyCell series={series} failed={latencyFailed} />
        </td>
      )}
    </tr>
  );
});

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatNumber } from '../format';
import type { Monitor } from '../monitoring-types';
import { DataTable } from './data-table';
import { StateBadge } from './status-badge';

interface Props {
  caption: string;
  monitors: Monitor[];
  /** Shows the service column, naming each service; null on a service's own page. */
  serviceName: ((id: string) => string) | null;
  /** Names the municipality of an own-instance monitor. */
  tenantName: (id: string) => string;
}

/** Monitors with what they check, how often and from where. */
export function MonitorTable({ caption, monitors, serviceName, tenantName }: Props) {
  const { t } = useTranslation();
  const sorted = [...monitors].sort((a, b) => a.name.localeCompare(b.name, 'lv'));
  return (
    <DataTable caption={caption} captionHidden>
      <thead>
        <tr>
          <th scope="col">{t('monitor.name')}</th>
          {serviceName && <th scope="col">{t('monitor.service')}</th>}
          <th scope="col">{t('monitor.type')}</th>
          <th scope="col">{t('monitor.target')}</th>
          <th scope="col">{t('monitor.interval')}</th>
          <th scope="col">{t('monitor.locations')}</th>
          <th scope="col">{t('monitor.critical')}</th>
          <th scope="col">{t('monitor.state')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((m) => (
          <tr key={m.id} className={m.active ? undefined : 'row-inactive'}>
            <th scope="row">
              {m.name}
              <span className="block muted">{m.tenantId ? t('monitor.ownInstance', { name: tenantName(m.tenantId) }) : t('monitor.shared')}</span>
            </th>
            {serviceName && (
              <td>
                <Link to={`/services/${m.serviceId}`}>{serviceName(m.serviceId)}</Link>
              </td>
            )}
            <td>{t(`monitorType.${m.type}`)}</td>
            <td className="mono break">{m.target ?? t('monitor.noTarget')}</td>
            <td className="nowrap">
              {t('monitor.everySeconds', { seconds: formatNumber(m.intervalSeconds) })}
              <span className="block muted">{t('monitor.confirmAfter', { count: m.failuresToConfirm })}</span>
            </td>
            <td>{m.locations.join(', ')}</td>
            <td>{m.critical ? t('common.yes') : t('common.no')}</td>
            <td>
              <StateBadge tone={m.active ? 'ok' : 'off'} label={m.active ? t('monitor.active') : t('monitor.paused')} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

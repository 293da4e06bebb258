import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatInstant, formatNumber } from '../../../format';
import type { Monitor } from '../queries';

interface Props {
  monitor: Monitor;
  serviceName: string;
  tenantName: string | null;
}

/** A monitor's settings as a description list, each stated even when empty. */
export function MonitorFacts({ monitor: m, serviceName, tenantName }: Props) {
  const { t } = useTranslation();
  const config = Object.entries(m.config).filter(([key]) => key !== 'headers');
  const rows: [string, ReactNode][] = [
    [t('monitor.service'), <Link to={`/services/${m.serviceId}`}>{serviceName}</Link>],
    [t('monitorForm.tenantId'), m.tenantId ? t('monitor.ownInstance', { name: tenantName ?? t('common.loadingShort') }) : t('monitor.shared')],
    [t('monitor.type'), t(`monitorType.${m.type}`)],
    [t('monitor.target'), <span className="mono break">{m.target ?? t('monitor.noTarget')}</span>],
    [t('monitor.interval'), t('monitor.everySeconds', { seconds: formatNumber(m.intervalSeconds) })],
    [t('monitorForm.timeoutMs'), `${formatNumber(m.timeoutMs)} ms`],
    [t('monitorForm.failuresToConfirm'), t('monitor.confirmAfter', { count: m.failuresToConfirm })],
    [t('monitor.locations'), m.locations.join(', ')],
    [t('monitor.critical'), m.critical ? t('common.yes') : t('common.no')],
    [
      t('monitorPage.config'),
      config.length === 0 ? (
        t('common.notGiven')
      ) : (
        <ul className="plain-list">
          {config.map(([key, value]) => (
            <li key={key}>
              {t(`monitorForm.config.${key}`, { defaultValue: key })}: <span className="mono">{Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value)}</span>
            </li>
          ))}
        </ul>
      ),
    ],
    [t('common.createdAt'), formatInstant(m.createdAt)],
    [t('common.updatedAt'), formatInstant(m.updatedAt)],
  ];
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

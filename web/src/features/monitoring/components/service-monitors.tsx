import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { isTenantRole } from '../../../roles';
import { useTenants } from '../../municipalities/queries';
import { useMonitorHealth, useMonitorsLatency, useServiceMonitors } from '../queries';
import { SPARKLINE_HOURS } from './monitor-latency-cell';
import { MonitorTable } from './monitor-table';

/** On a service's page: the monitors that decide its availability. */
export function ServiceMonitors({ serviceId, serviceName }: { serviceId: string; serviceName: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const monitors = useServiceMonitors(serviceId);
  const health = useMonitorHealth({ serviceId });
  const latency = useMonitorsLatency({ serviceId }, SPARKLINE_HOURS);
  const agency = !isTenantRole(user.role);
  const tenants = useTenants(agency);
  const tenantName = (id: string) => (agency ? (tenants.data?.find((x) => x.id === id)?.name ?? t('common.loadingShort')) : (user.tenantName ?? ''));
  return (
    <section className="section" aria-labelledby="service-monitors">
      <h2 id="service-monitors">{t('monitors.ofService')}</h2>
      <AsyncSection resource={monitors}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('monitors.noneForService')}</p>
          ) : (
            <MonitorTable
              caption={t('monitors.ofServiceCaption', { name: serviceName })}
              monitors={list}
              serviceName={null}
              tenantName={tenantName}
              health={health.data ? new Map(health.data.map((h) => [h.monitorId, h])) : undefined}
              latency={latency}
            />
          )
        }
      </AsyncSection>
      {can(user, 'monitors.write') && (
        <p>
          <Link to="/monitors/new">{t('monitors.new')}</Link>
        </p>
      )}
    </section>
  );
}

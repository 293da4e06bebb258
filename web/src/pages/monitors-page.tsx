import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { AsyncSection } from '../components/async-section';
import { Flash } from '../components/flash';
import { MonitorHealthAnnouncer } from '../components/monitor-health-announcer';
import { SPARKLINE_HOURS } from '../components/monitor-latency-cell';
import { MonitorTable } from '../components/monitor-table';
import { PageHeading } from '../components/page-heading';
import { ProblemMessage } from '../components/problem-message';
import { useAutoRefresh } from '../hooks/use-auto-refresh';
import { useResource } from '../hooks/use-resource';
import { monitoringApi } from '../monitoring-api';
import { can } from '../permissions';
import { useUser } from '../session';
import { statusApi } from '../status-api';
import { localName } from '../status-format';

/** Every monitor of every service, for the agency's staff; operators add new ones. */
export function MonitorsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const monitors = useResource((signal) => monitoringApi.monitors.list(undefined, signal), []);
  const health = useAutoRefresh((signal) => monitoringApi.monitors.health(signal), []);
  const healthById = new Map((health.data ?? []).map((h) => [h.monitorId, h]));
  const latency = useAutoRefresh((signal) => monitoringApi.monitors.latencyAll(SPARKLINE_HOURS, signal), []);
  const services = useResource((signal) => statusApi.services.list(signal), []);
  const tenants = useResource((signal) => api.tenants.list(signal), []);
  const serviceName = (id: string) => {
    const service = services.data?.find((s) => s.id === id);
    return service ? localName(service.name) : t('common.loadingShort');
  };
  const tenantName = (id: string) => tenants.data?.find((x) => x.id === id)?.name ?? t('common.loadingShort');

  return (
    <>
      <PageHeading
        title={t('monitors.title')}
        actions={
          can(user.role, 'monitors.write') && (
            <Link to="/monitors/new" className="button button-primary">
              {t('monitors.new')}
            </Link>
          )
        }
      >
        <p className="lead">{t('monitors.intro')}</p>
        <p className="muted">{t('monitors.refreshNote')}</p>
      </PageHeading>
      <Flash />
      <MonitorHealthAnnouncer health={health.data} monitors={monitors.data ?? []} stale={health.stale} />
      {health.error !== null && <ProblemMessage error={health.error} summary={t('monitors.healthFailed')} onRetry={health.reload} />}
      {(services.error ?? tenants.error) !== null && (
        <ProblemMessage
          error={services.error ?? tenants.error}
          summary={t('monitors.namesFailed')}
          onRetry={() => {
            services.reload();
            tenants.reload();
          }}
        />
      )}
      <AsyncSection resource={monitors}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('monitors.empty')}</p>
          ) : (
            <>
              <p>{t('monitors.count', { count: list.length, active: list.filter((m) => m.active).length })}</p>
              {health.data && (
                <p>
                  {t('monitors.stateCounts', {
                    up: health.data.filter((h) => h.state === 'up').length,
                    down: health.data.filter((h) => h.state === 'down').length,
                    unknown: health.data.filter((h) => h.state === 'unknown').length,
                  })}
                </p>
              )}
              <MonitorTable caption={t('monitors.title')} monitors={list} serviceName={serviceName} tenantName={tenantName} health={healthById} latency={latency} />
            </>
          )
        }
      </AsyncSection>
    </>
  );
}

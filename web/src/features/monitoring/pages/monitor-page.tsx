import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { formatInstant, formatNumber } from '../../../format';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { localName } from '../../../local-name';
import { isTenantRole } from '../../../roles';
import { useTenants } from '../../municipalities/queries';
import { useService } from '../../catalogue/queries';
import { LatencyChart } from '../components/latency-chart';
import { MonitorAvailabilitySection } from '../components/monitor-availability';
import { MonitorEditForm } from '../components/monitor-edit-form';
import { MonitorFacts } from '../components/monitor-facts';
import { MonitorPause } from '../components/monitor-pause';
import { MonitorStateBadge } from '../components/monitor-state-badge';
import { PushTokenRenew } from '../components/push-token-renew';
import { UnknownReason } from '../components/unknown-reason';
import { useMonitorRange } from '../monitor-range';
import { useMonitor, useMonitorHealth, useMonitorLatency } from '../queries';

/** One monitor: its state now (and why, when unknown), its uptime and state changes over a chosen range, its latency over the same range, its settings; operators edit, pause and renew its push URL. */
export function MonitorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser();
  const operator = can(user, 'monitors.write');
  const monitor = useMonitor(id);
  const health = useMonitorHealth({ ids: [id] });
  const [range] = useMonitorRange();
  const latency = useMonitorLatency(id, range);
  const rangeText = t(`monitorAvailability.range.${range}`);
  const service = useService(monitor.data?.serviceId);
  const agency = !isTenantRole(user.role);
  const tenants = useTenants(agency);
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState('');
  const name = monitor.data?.name ?? '';
  const mine = health.data?.find((h) => h.monitorId === id);
  const tenantName = (tenantId: string) => (agency ? (tenants.data?.find((x) => x.id === tenantId)?.name ?? null) : user.tenantName);

  return (
    <>
      <Breadcrumbs items={[{ label: t('monitors.title'), to: '/monitors' }, { label: name || t('common.loadingShort') }]} />
      <PageHeading title={name || t('monitorPage.title')} actions={operator && monitor.data && <MonitorPause monitor={monitor.data} onChanged={setSaid} />}>
        {monitor.data && <p className="lead">{t(`monitorType.${monitor.data.type}`)}</p>}
        <p className="muted">{t('monitors.refreshNote')}</p>
      </PageHeading>
      <p role="status" className="status-line">
        {said}
      </p>
      <AsyncSection resource={monitor}>
        {(m) => (
          <>
            <section className="section section-first" aria-labelledby="monitor-state">
              <h2 id="monitor-state">{t('monitorPage.stateTitle')}</h2>
              <dl className="details">
                <div>
                  <dt>{t('monitor.state')}</dt>
                  <dd>
                    <MonitorStateBadge monitor={m} health={mine} />
                  </dd>
                </div>
                {mine?.unknownReason && (
                  <div>
                    <dt>{t('monitorPage.reasonLabel')}</dt>
                    <dd>
                      <UnknownReason reason={mine.unknownReason} />
                    </dd>
                  </div>
                )}
                <div>
                  <dt>{t('status.since')}</dt>
                  <dd>{m.active && mine?.since ? <time dateTime={mine.since}>{formatInstant(mine.since)}</time> : t('common.unknown')}</dd>
                </div>
                <div>
                  <dt>{t('monitor.lastCheck')}</dt>
                  <dd>{mine?.lastCheckAt ? <time dateTime={mine.lastCheckAt}>{formatInstant(mine.lastCheckAt)}</time> : t('monitor.neverChecked')}</dd>
                </div>
                <div>
                  <dt>{t('monitorPage.lastLatency')}</dt>
                  <dd>{mine?.lastLatencyMs != null ? t('monitor.latencyMs', { ms: formatNumber(mine.lastLatencyMs) }) : t('common.unknown')}</dd>
                </div>
              </dl>
              {health.stale && <p className="message message-neutral">{t('monitors.stale')}</p>}
            </section>
            <MonitorAvailabilitySection monitorId={m.id} name={m.name} />
            <section className="section" aria-labelledby="monitor-latency">
              <h2 id="monitor-latency">{t('monitorPage.latencyTitle', { range: rangeText })}</h2>
              <AsyncSection resource={latency}>{(series) => <LatencyChart key={series.points.some((p) => p.checks > 0) ? 'data' : 'empty'} title={t('monitorPage.chartTitle', { name: m.name, range: rangeText })} series={series} rangeText={rangeText} />}</AsyncSection>
            </section>
            <section className="section" aria-labelledby="monitor-settings">
              <h2 id="monitor-settings" tabIndex={-1}>{t('monitorPage.settings')}</h2>
              {editing ? (
                <MonitorEditForm
                  monitor={m}
                  onCancel={() => setEditing(false)}
                  onSaved={(saved) => {
                    setEditing(false);
                    setSaid(t('monitorPage.saved', { name: saved.name }));
                    window.setTimeout(() => document.getElementById('monitor-settings')?.focus(), 0);
                  }}
                />
              ) : (
                <>
                  <MonitorFacts monitor={m} serviceName={service.data ? localName(service.data.name) : t('common.loadingShort')} tenantName={m.tenantId ? tenantName(m.tenantId) : null} />
                  {operator && (
                    <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
                      {t('monitorPage.edit')}
                    </button>
                  )}
                </>
              )}
            </section>
            {operator && m.type === 'push' && <PushTokenRenew monitorId={m.id} name={m.name} />}
          </>
        )}
      </AsyncSection>
    </>
  );
}

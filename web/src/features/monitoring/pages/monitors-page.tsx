import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Flash } from '../../../components/flash';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { localName } from '../../../local-name';
import { useTenants } from '../../municipalities/queries';
import { useServices } from '../../catalogue/queries';
import { MonitorFilters } from '../components/monitor-filters';
import { filtersFrom, listQueryOf, type MonitorFilterValues } from '../monitor-list-filters';
import { MonitorHealthAnnouncer } from '../components/monitor-health-announcer';
import { SPARKLINE_HOURS } from '../components/monitor-latency-cell';
import { MonitorTable } from '../components/monitor-table';
import { useMonitorCounts, useMonitorHealth, useMonitorList, useMonitorsLatency, type MonitorHealth } from '../queries';

/**
 * Every monitor of every service, for the agency's staff, a page at a time: the server filters,
 * sorts and pages (thousands of monitors are never all drawn at once); operators add new ones.
 */
export function MonitorsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const filterKey = `${filters.q}|${filters.state}|${filters.serviceId}|${filters.sort}`;
  const list = useMonitorList(listQueryOf(filters));
  // What the table is given stays the same object while its data is (the queries share unchanged
  // data structurally), so the memoised table and rows skip the renders of the other queries.
  const pages = useMemo(() => list.data?.pages ?? [], [list.data]);
  const items = useMemo(() => pages.flatMap((page) => page.items), [pages]);
  const loading = list.isPending;
  const loadingMore = list.isFetchingNextPage;
  const hasMore = list.hasNextPage;
  // The first row of a page "load more" brought takes focus.
  const firstOfLastPage = pages.length > 1 ? (pages[pages.length - 1]!.items[0] ?? null) : null;
  // States and sparklines refresh for the rows on screen only.
  const ids = useMemo(() => items.map((r) => r.id), [items]);
  // The list brought each row's state: the first request for states is the refresh a minute later.
  const health = useMonitorHealth({ ids }, { data: items.map((r) => r.health), at: list.dataUpdatedAt });
  const latency = useMonitorsLatency({ ids }, SPARKLINE_HOURS);
  const counts = useMonitorCounts();
  const services = useServices();
  const tenants = useTenants();
  const firstNew = useRef<HTMLAnchorElement>(null);
  const healthById = useMemo(() => {
    const byId = new Map<string, MonitorHealth>(items.map((r) => [r.id, r.health]));
    for (const h of health.data ?? []) byId.set(h.monitorId, h);
    return byId;
  }, [items, health.data]);
  const latencyShown = useMemo(() => ({ data: latency.data, error: latency.error }), [latency.data, latency.error]);

  useEffect(() => {
    if (firstOfLastPage) firstNew.current?.focus();
  }, [firstOfLastPage?.id]);

  const serviceName = useCallback(
    (id: string) => {
      const service = services.data?.find((s) => s.id === id);
      return service ? localName(service.name) : t('common.loadingShort');
    },
    [services.data, t],
  );
  const tenantName = useCallback((id: string) => tenants.data?.find((x) => x.id === id)?.name ?? t('common.loadingShort'), [tenants.data, t]);
  const apply = (f: MonitorFilterValues) => {
    const next = new URLSearchParams();
    if (f.q) next.set('q', f.q);
    if (f.state) next.set('state', f.state);
    if (f.serviceId) next.set('service', f.serviceId);
    if (f.sort !== 'name') next.set('sort', f.sort);
    setParams(next);
  };
  const c = counts.data;

  return (
    <>
      <PageHeading
        title={t('monitors.title')}
        actions={
          can(user, 'monitors.write') && (
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
      {c && (
        <p>
          {t('monitors.count', { count: c.total, enabled: c.total - c.paused, paused: c.paused })} {t('monitors.stateCounts', { up: c.up, down: c.down, unknown: c.unknown })}
        </p>
      )}
      <MonitorHealthAnnouncer health={health.data} refreshedAt={health.updatedAt} monitors={items} stale={health.stale} />
      {(health.error ?? counts.error) !== null && <ProblemMessage error={health.error ?? counts.error} summary={t('monitors.healthFailed')} onRetry={() => (health.reload(), counts.reload())} />}
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
      <MonitorFilters key={filterKey} initial={filters} services={services.data ?? []} onApply={apply} />
      <section aria-labelledby="monitors-list-title" className="section" aria-busy={loading || loadingMore}>
        <h2 id="monitors-list-title">{t('monitors.listTitle')}</h2>
        <p role="status" className="status-line">
          {loading ? '' : t('monitors.shown', { count: items.length })}
        </p>
        {loading && <Loading />}
        {list.error !== null && <ProblemMessage error={list.error} onRetry={list.isFetchNextPageError ? () => void list.fetchNextPage() : () => void list.refetch()} />}
        {!loading && items.length === 0 && list.error === null && <p>{c?.total === 0 ? t('monitors.empty') : t('monitors.noMatch')}</p>}
        {!loading && items.length > 0 && (
          <MonitorTable
            caption={t('monitors.title')}
            monitors={items}
            serviceName={serviceName}
            tenantName={tenantName}
            health={healthById}
            latency={latencyShown}
            keepOrder
            focusId={firstOfLastPage?.id ?? null}
            focusRef={firstNew}
          />
        )}
        {!loading && hasMore && (
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void list.fetchNextPage()} disabled={loadingMore} aria-busy={loadingMore}>
              {loadingMore ? t('common.loading') : t('monitors.loadMore')}
            </button>
          </div>
        )}
        {!loading && !hasMore && items.length > 0 && <p className="muted">{t('monitors.end')}</p>}
      </section>
    </>
  );
}

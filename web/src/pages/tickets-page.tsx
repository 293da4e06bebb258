import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { ProblemMessage } from '../components/problem-message';
import { PRIORITIES, TicketFilters, type TicketFilterValues } from '../components/ticket-filters';
import { TicketTable, type MeasuredTicket } from '../components/ticket-table';
import { deskApi } from '../desk-api';
import { TICKET_STATUSES } from '../desk-types';
import { useResource } from '../hooks/use-resource';
import { can, canChange } from '../permissions';
import { useUser } from '../session';
import { isTenantRole } from '../types';

const PAGE_SIZE = 50;

function filtersFrom(params: URLSearchParams): TicketFilterValues {
  const status = params.get('status') ?? 'open';
  return {
    status: status === 'all' || status === 'open' || (TICKET_STATUSES as readonly string[]).includes(status) ? status : 'open',
    tenantId: params.get('tenant') ?? '',
    priority: (PRIORITIES as readonly string[]).includes(params.get('priority') ?? '') ? params.get('priority')! : '',
    assigneeId: params.get('assignee') ?? '',
    q: params.get('q') ?? '',
  };
}

function toQuery(f: TicketFilterValues, cursor?: string) {
  return {
    status: f.status === 'all' ? undefined : f.status,
    tenantId: f.tenantId || undefined,
    priority: f.priority || undefined,
    assigneeId: f.assigneeId || undefined,
    q: f.q || undefined,
    cursor,
    limit: PAGE_SIZE,
  };
}

/** The service desk's tickets with live SLA clocks; agency staff see every municipality. */
export function TicketsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const agency = !isTenantRole(user.role);
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const filterKey = `${filters.status}|${filters.tenantId}|${filters.priority}|${filters.assigneeId}|${filters.q}`;
  const tenants = useResource(agency ? (signal) => api.tenants.list(signal) : null, [agency]);
  const desk = can(user.role, 'tickets.manage');
  const assignees = useResource(desk ? (signal) => deskApi.tickets.assignees(signal) : null, [desk]);
  const [items, setItems] = useState<MeasuredTicket[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const firstNew = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    deskApi.tickets
      .list(toQuery(filters), controller.signal)
      .then((page) => {
        const at = Date.now();
        setItems(page.items.map((ticket) => ({ ticket, measuredAt: at })));
        setCursor(page.nextCursor);
        setFocusId(null);
        setAnnouncement(t('tickets.loaded', { count: page.items.length }));
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // t is left out on purpose: a language switch must not reload the list.
  }, [filterKey, attempt]);

  useEffect(() => {
    if (focusId) firstNew.current?.focus();
  }, [focusId]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await deskApi.tickets.list(toQuery(filters, cursor));
      const at = Date.now();
      setItems((list) => [...list, ...page.items.map((ticket) => ({ ticket, measuredAt: at }))]);
      setCursor(page.nextCursor);
      setAnnouncement(t('tickets.loadedMore', { count: page.items.length }));
      setFocusId(page.items[0]?.id ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const apply = (f: TicketFilterValues) => {
    const next = new URLSearchParams();
    if (f.status !== 'open') next.set('status', f.status);
    if (f.tenantId) next.set('tenant', f.tenantId);
    if (f.priority) next.set('priority', f.priority);
    if (f.assigneeId) next.set('assignee', f.assigneeId);
    if (f.q) next.set('q', f.q);
    setParams(next);
  };

  const tenantName = (id: string) => tenants.data?.find((x) => x.id === id)?.name ?? t('common.loadingShort');

  return (
    <>
      <PageHeading
        title={t('tickets.title')}
        actions={
          canChange(user, 'tickets.write') && (
            <Link to="/tickets/new" className="button button-primary">
              {t('tickets.new')}
            </Link>
          )
        }
      >
        <p className="lead">{agency ? t('tickets.introAgency') : t('tickets.introTenant')}</p>
      </PageHeading>
      <TicketFilters key={filterKey} initial={filters} tenants={agency ? (tenants.data ?? []) : null} assignees={desk ? (assignees.data ?? []) : null} onApply={apply} />
      {tenants.error !== null && <ProblemMessage error={tenants.error} summary={t('tickets.tenantsFailed')} onRetry={tenants.reload} />}
      <section aria-labelledby="tickets-list-title" className="section" aria-busy={loading || loadingMore}>
        <h2 id="tickets-list-title">{t('tickets.listTitle')}</h2>
        <p className="muted">{t('tickets.clockNote')}</p>
        <p role="status" className="status-line">
          {loading ? '' : announcement}
        </p>
        {loading && <Loading />}
        {error !== null && <ProblemMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />}
        {!loading && items.length === 0 && error === null && <p>{t('tickets.empty')}</p>}
        {!loading && items.length > 0 && <TicketTable ref={firstNew} items={items} tenantName={agency ? tenantName : null} focusId={focusId} />}
        {!loading && cursor && (
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void loadMore()} disabled={loadingMore} aria-busy={loadingMore}>
              {loadingMore ? t('common.loading') : t('tickets.loadMore')}
            </button>
          </div>
        )}
        {!loading && !cursor && items.length > 0 && <p className="muted">{t('tickets.end')}</p>}
      </section>
    </>
  );
}

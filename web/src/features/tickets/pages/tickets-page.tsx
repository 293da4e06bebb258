import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { PRIORITIES, TicketFilters, type TicketFilterValues } from '../components/ticket-filters';
import { TicketTable, type MeasuredTicket } from '../components/ticket-table';
import { TICKET_CHANNELS, TICKET_STATUSES } from '../../../../../src/domain/desk/ticket';
import { TICKET_SORTS } from '../../../../../src/domain/desk/ticket-sort';
import { useAssignees, useTicketList, type TicketQuery } from '../queries';
import { can, canChange } from '../../../permissions';
import { useUser } from '../../../session';
import { isTenantRole } from '../../../roles';
import { useTenants } from '../../municipalities/queries';

const PAGE_SIZE = 50;

function filtersFrom(params: URLSearchParams): TicketFilterValues {
  const status = params.get('status') ?? 'open';
  return {
    status: status === 'all' || status === 'open' || (TICKET_STATUSES as readonly string[]).includes(status) ? status : 'open',
    tenantId: params.get('tenant') ?? '',
    priority: (PRIORITIES as readonly string[]).includes(params.get('priority') ?? '') ? params.get('priority')! : '',
    assigneeId: params.get('assignee') ?? '',
    channel: (TICKET_CHANNELS as readonly string[]).includes(params.get('channel') ?? '') ? params.get('channel')! : '',
    q: params.get('q') ?? '',
    sort: (TICKET_SORTS as readonly string[]).includes(params.get('sort') ?? '') ? params.get('sort')! : 'newest',
  };
}

function toQuery(f: TicketFilterValues): TicketQuery {
  return {
    status: f.status === 'all' ? undefined : f.status,
    tenantId: f.tenantId || undefined,
    priority: (f.priority || undefined) as TicketQuery['priority'],
    assigneeId: f.assigneeId || undefined,
    channel: (f.channel || undefined) as TicketQuery['channel'],
    q: f.q.trim() || undefined,
    sort: f.sort === 'newest' ? undefined : (f.sort as TicketQuery['sort']),
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
  const filterKey = `${filters.status}|${filters.tenantId}|${filters.priority}|${filters.assigneeId}|${filters.channel}|${filters.q.trim()}|${filters.sort}`;
  const tenants = useTenants(agency);
  const desk = can(user, 'tickets.manage');
  const assignees = useAssignees(desk);
  const list = useTicketList(toQuery(filters));
  const pages = list.data?.pages ?? [];
  const items: MeasuredTicket[] = pages.flatMap((page) => page.items.map((ticket) => ({ ticket, measuredAt: page.measuredAt })));
  const hasMore = list.hasNextPage;
  const loading = list.isPending;
  const loadingMore = list.isFetchingNextPage;
  const [announcement, setAnnouncement] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const firstNew = useRef<HTMLAnchorElement>(null);
  const shownPages = useRef(0);

  // Say what arrived: the first page of a list, or how many more a "load more" brought (and focus the first of them).
  useEffect(() => {
    const last = pages[pages.length - 1];
    if (!last) return;
    if (pages.length > shownPages.current && pages.length > 1) {
      setAnnouncement(t('tickets.loadedMore', { count: last.items.length }));
      setFocusId(last.items[0]?.id ?? null);
    } else if (pages.length === 1) {
      setAnnouncement(t('tickets.loaded', { count: last.items.length }));
      setFocusId(null);
    }
    shownPages.current = pages.length;
    // t is left out on purpose: a language switch must not announce the list again.
  }, [list.dataUpdatedAt, filterKey]);

  useEffect(() => {
    if (focusId) firstNew.current?.focus();
  }, [focusId]);

  const loadMore = () => void list.fetchNextPage();
  const error = list.error;

  const apply = (f: TicketFilterValues) => {
    const next = new URLSearchParams();
    if (f.status !== 'open') next.set('status', f.status);
    if (f.tenantId) next.set('tenant', f.tenantId);
    if (f.priority) next.set('priority', f.priority);
    if (f.assigneeId) next.set('assignee', f.assigneeId);
    if (f.channel) next.set('channel', f.channel);
    if (f.q) next.set('q', f.q);
    if (f.sort !== 'newest') next.set('sort', f.sort);
    // Typing refines the same list: it replaces the history entry instead of adding one per pause.
    setParams(next, { replace: f.q !== filters.q });
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
      <TicketFilters values={filters} tenants={agency ? (tenants.data ?? []) : null} assignees={desk ? (assignees.data ?? []) : null} onChange={apply} />
      {tenants.error !== null && <ProblemMessage error={tenants.error} summary={t('tickets.tenantsFailed')} onRetry={tenants.reload} />}
      <section aria-labelledby="tickets-list-title" className="section" aria-busy={loading || loadingMore}>
        <h2 id="tickets-list-title">{t('tickets.listTitle')}</h2>
        <p className="muted">{t('tickets.clockNote')}</p>
        <p role="status" className="status-line">
          {loading ? '' : announcement}
        </p>
        {loading && <Loading />}
        {error !== null && <ProblemMessage error={error} onRetry={() => void list.refetch()} />}
        {!loading && items.length === 0 && error === null && <p>{t('tickets.empty')}</p>}
        {!loading && items.length > 0 && <TicketTable ref={firstNew} items={items} tenantName={agency ? tenantName : null} focusId={focusId} />}
        {!loading && hasMore && (
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={loadMore} disabled={loadingMore} aria-busy={loadingMore}>
              {loadingMore ? t('common.loading') : t('tickets.loadMore')}
            </button>
          </div>
        )}
        {!loading && !hasMore && items.length > 0 && <p className="muted">{t('tickets.end')}</p>}
      </section>
    </>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from '../components/audit-filters';
import { AuditRow } from '../components/audit-row';
import { DataTable } from '../../../components/data-table';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { VerifyChain } from '../components/verify-chain';
import { localDateToInstant, localDayAfterToInstant } from '../../../format';
import { canAcrossTenants } from '../../../permissions';
import { useUser } from '../../../session';
import { isTenantRole } from '../../../roles';
import { useAuditLog, type AuditQuery } from '../queries';
import { useTenants } from '../../municipalities/queries';

const PAGE_SIZE = 50;

function toQuery(f: AuditFilterValues): AuditQuery {
  return {
    action: f.action || undefined,
    entityType: f.entityType || undefined,
    tenantId: f.tenantId || undefined,
    from: f.from ? localDateToInstant(f.from, false) : undefined,
    to: f.to ? localDayAfterToInstant(f.to) : undefined,
    limit: PAGE_SIZE,
  };
}

/** The audit log, newest first, filtered and paged; agency roles can verify the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const user = useUser();
  const agency = !isTenantRole(user.role);
  const tenants = useTenants();
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const log = useAuditLog(toQuery(filters));
  const firstPage = log.data?.pages[0];
  const items = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);
  const loading = log.isPending;
  const loadingMore = log.isFetchingNextPage;
  const error = log.error;
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const firstNew = useRef<HTMLTableCellElement>(null);
  const [focusSeq, setFocusSeq] = useState<string | null>(null);

  // A new first page (another filter, or a reload): rows start folded and the count is announced.
  useEffect(() => {
    if (!firstPage) return;
    setExpanded(new Set());
    setAnnouncement(t('audit.loaded', { count: firstPage.items.length }));
    // t is left out on purpose: a language switch must not announce the log again.
  }, [firstPage]);

  useEffect(() => {
    if (focusSeq) firstNew.current?.focus();
  }, [focusSeq]);

  const loadMore = async () => {
    const result = await log.fetchNextPage();
    const page = result.data?.pages.at(-1);
    if (result.isError || !page) return;
    setAnnouncement(t('audit.loadedMore', { count: page.items.length }));
    setFocusSeq(page.items[0]?.seq ?? null);
  };
  const hasMore = log.hasNextPage;

  const tenantName = (id: string | null) => (id ? (tenants.data?.find((x) => x.id === id)?.name ?? id) : t('audit.noTenant'));
  const toggle = (seq: string) =>
    setExpanded((set) => {
      const next = new Set(set);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <>
      <PageHeading title={t('audit.title')}>
        <p className="lead">{agency ? t('audit.introAgency') : t('audit.introTenant')}</p>
      </PageHeading>
      {canAcrossTenants(user, 'audit.read') && <VerifyChain />}
      <AuditFilters initial={filters} tenants={agency ? (tenants.data ?? []) : null} onApply={(f) => setFilters({ ...f })} />
      <section aria-labelledby="audit-events-title" className="section" aria-busy={loading || loadingMore}>
        <h2 id="audit-events-title">{t('audit.events')}</h2>
        <p role="status" className="status-line">
          {loading ? '' : announcement}
        </p>
        {loading && <Loading />}
        {error !== null && <ProblemMessage error={error} onRetry={() => void log.refetch()} />}
        {!loading && items.length === 0 && error === null && <p>{t('audit.empty')}</p>}
        {!loading && items.length > 0 && (
          <DataTable caption={t('audit.caption')} captionHidden className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.tenant')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <AuditRow
                  key={event.seq}
                  ref={event.seq === focusSeq ? firstNew : undefined}
                  event={event}
                  tenantName={tenantName}
                  expanded={expanded.has(event.seq)}
                  onToggle={() => toggle(event.seq)}
                />
              ))}
            </tbody>
          </DataTable>
        )}
        {!loading && hasMore && (
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void loadMore()} disabled={loadingMore} aria-busy={loadingMore}>
              {loadingMore ? t('common.loading') : t('audit.loadMore')}
            </button>
          </div>
        )}
        {!loading && !hasMore && items.length > 0 && <p className="muted">{t('audit.end')}</p>}
      </section>
    </>
  );
}

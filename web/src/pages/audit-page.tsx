import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from '../components/audit-filters';
import { AuditRow } from '../components/audit-row';
import { DataTable } from '../components/data-table';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { ProblemMessage } from '../components/problem-message';
import { VerifyChain } from '../components/verify-chain';
import { localDateToInstant, localDayAfterToInstant } from '../format';
import { useResource } from '../hooks/use-resource';
import { canAcrossTenants } from '../permissions';
import { useUser } from '../session';
import { isTenantRole, type AuditEvent } from '../types';

const PAGE_SIZE = 50;

function toQuery(f: AuditFilterValues, cursor?: string) {
  return {
    action: f.action || undefined,
    entityType: f.entityType || undefined,
    tenantId: f.tenantId || undefined,
    from: f.from ? localDateToInstant(f.from, false) : undefined,
    to: f.to ? localDayAfterToInstant(f.to) : undefined,
    cursor,
    limit: PAGE_SIZE,
  };
}

/** The audit log, newest first, filtered and paged; agency roles can verify the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const user = useUser();
  const agency = !isTenantRole(user.role);
  const tenants = useResource((signal) => api.tenants.list(signal), []);
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const firstNew = useRef<HTMLTableCellElement>(null);
  const [focusSeq, setFocusSeq] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api.audit
      .list(toQuery(filters), controller.signal)
      .then((page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
        setExpanded(new Set());
        setAnnouncement(t('audit.loaded', { count: page.items.length }));
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // t is left out on purpose: a language switch must not reload the log.
  }, [filters, attempt]);

  useEffect(() => {
    if (focusSeq) firstNew.current?.focus();
  }, [focusSeq]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await api.audit.list(toQuery(filters, cursor));
      setItems((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
      setAnnouncement(t('audit.loadedMore', { count: page.items.length }));
      setFocusSeq(page.items[0]?.seq ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };

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
        {error !== null && <ProblemMessage error={error} onRetry={() => setAttempt((n) => n + 1)} />}
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
        {!loading && cursor && (
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void loadMore()} disabled={loadingMore} aria-busy={loadingMore}>
              {loadingMore ? t('common.loading') : t('audit.loadMore')}
            </button>
          </div>
        )}
        {!loading && !cursor && items.length > 0 && <p className="muted">{t('audit.end')}</p>}
      </section>
    </>
  );
}

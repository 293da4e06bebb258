import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { SelectField } from '../../../components/fields';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { formatInstant } from '../../../format';
import { useOutbox, useRetryNotice, type OutboxNotice, type OutboxQuery } from '../queries';

const PAGE_SIZE = 50;
const STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
const CHANNELS = ['email', 'webhook', 'teams', 'slack'] as const;

/** One notice's retry: only a failed one may be sent again; the outcome is announced. */
function RetryButton({ notice, onDone }: { notice: OutboxNotice; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const retry = useRetryNotice();
  if (notice.status !== 'failed') return null;
  return (
    <button
      type="button"
      className="button button-small button-secondary"
      disabled={retry.isPending}
      aria-label={`${t('outbox.retry')}: ${t('outbox.noticeN', { id: notice.id })}`}
      onClick={() => retry.mutate(notice.id, { onSuccess: () => onDone(t('outbox.retried', { id: notice.id })), onError: () => onDone(t('outbox.retryFailed', { id: notice.id })) })}
    >
      {retry.isPending ? t('common.loading') : t('outbox.retry')}
    </button>
  );
}

/** Operators' view of the outgoing notices: filtered by status and channel, paged, failed ones sent again. */
export function OutboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OutboxQuery['status'] | ''>('failed');
  const [channel, setChannel] = useState<OutboxQuery['channel'] | ''>('');
  const [announcement, setAnnouncement] = useState('');
  const list = useOutbox({ status: status || undefined, channel: channel || undefined, limit: PAGE_SIZE });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const loading = list.isPending;

  return (
    <>
      <PageHeading title={t('outbox.title')}>
        <p className="lead">{t('outbox.intro')}</p>
      </PageHeading>
      <form className="card filters" role="search" aria-labelledby="outbox-filters-title" onSubmit={(e) => e.preventDefault()}>
        <h2 id="outbox-filters-title" className="h3">
          {t('outbox.filters')}
        </h2>
        <div className="field-row">
          <SelectField
            id="outbox-status"
            label={t('outbox.status')}
            optional
            value={status}
            onChange={(e) => setStatus(e.target.value as OutboxQuery['status'] | '')}
            options={[{ value: '', label: t('outbox.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`outbox.statuses.${s}`) }))]}
          />
          <SelectField
            id="outbox-channel"
            label={t('outbox.channel')}
            optional
            value={channel}
            onChange={(e) => setChannel(e.target.value as OutboxQuery['channel'] | '')}
            options={[{ value: '', label: t('outbox.allChannels') }, ...CHANNELS.map((c) => ({ value: c, label: t(`outbox.channels.${c}`) }))]}
          />
        </div>
      </form>
      <section aria-labelledby="outbox-list-title" className="section" aria-busy={loading || list.isFetchingNextPage}>
        <h2 id="outbox-list-title">{t('outbox.notices')}</h2>
        <p role="status" className="status-line">
          {announcement}
        </p>
        {loading && <Loading />}
        {list.error !== null && <ProblemMessage error={list.error} onRetry={() => void list.refetch()} />}
        {!loading && items.length === 0 && list.error === null && <p>{t('outbox.empty')}</p>}
        {!loading && items.length > 0 && (
          <DataTable caption={t('outbox.caption')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('outbox.createdAt')}</th>
                <th scope="col">{t('outbox.event')}</th>
                <th scope="col">{t('outbox.channel')}</th>
                <th scope="col">{t('outbox.recipient')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col">{t('outbox.attempts')}</th>
                <th scope="col">{t('outbox.lastError')}</th>
                <th scope="col">{t('outbox.sentAt')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <time dateTime={n.createdAt}>{formatInstant(n.createdAt)}</time>
                  </th>
                  <td>
                    {n.subject ?? n.event}
                    <code className="muted block">{n.event}</code>
                  </td>
                  <td>{t(`outbox.channels.${n.channel}`)}</td>
                  <td className="break">{n.recipient}</td>
                  <td>{t(`outbox.statuses.${n.status}`)}</td>
                  <td>{n.attempts}</td>
                  <td className="break">{n.lastError ?? '—'}</td>
                  <td>{n.sentAt ? <time dateTime={n.sentAt}>{formatInstant(n.sentAt)}</time> : '—'}</td>
                  <td>
                    <RetryButton notice={n} onDone={setAnnouncement} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {!loading && list.hasNextPage && (
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} aria-busy={list.isFetchingNextPage}>
              {list.isFetchingNextPage ? t('common.loading') : t('outbox.loadMore')}
            </button>
          </div>
        )}
      </section>
    </>
  );
}

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/data-table';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { formatInstant } from '../../../format';
import { useDiscardMail, useQuarantine, type InboundMail } from '../queries';

const KNOWN_REASONS = ['unknown_sender', 'sender_not_allowed', 'not_municipal', 'unknown_ticket', 'not_for_desk', 'empty', 'ticket_closed', 'comments_throttled'];

/** Mail to the desk that no rule could apply: the desk reads it and throws it away. Senders are never answered. */
export function QuarantinePage() {
  const { t } = useTranslation();
  const list = useQuarantine();
  const discard = useDiscardMail();
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const subjectOf = (m: InboundMail) => m.subject.trim() || t('inboundMail.noSubject');
  const reasonOf = (m: InboundMail) => (KNOWN_REASONS.includes(m.reason) ? t(`inboundMail.reasons.${m.reason}`) : t('inboundMail.reasons.other', { reason: m.reason }));

  const throwAway = async (m: InboundMail) => {
    try {
      await discard.mutateAsync(m.id);
      setAnnouncement(t('inboundMail.discarded', { subject: subjectOf(m) }));
      // The row is gone: keep the keyboard on the list's heading, not lost at the page top.
      heading.current?.focus();
    } catch {
      // The mutation's error is shown below the heading.
    }
  };

  return (
    <>
      <PageHeading title={t('inboundMail.title')}>
        <p className="lead">{t('inboundMail.intro')}</p>
      </PageHeading>
      <section className="section" aria-labelledby="quarantine-list" aria-busy={list.isPending || list.isFetchingNextPage}>
        <h2 id="quarantine-list" ref={heading} tabIndex={-1} className="visually-hidden">
          {t('inboundMail.caption')}
        </h2>
        <p role="status" className="status-line">
          {announcement}
        </p>
        {discard.error !== null && <ProblemMessage error={discard.error} />}
        {list.isPending && <Loading />}
        {list.error !== null && <ProblemMessage error={list.error} onRetry={() => void list.refetch()} />}
        {!list.isPending && list.error === null && items.length === 0 && <p>{t('inboundMail.empty')}</p>}
        {items.length > 0 && (
          <DataTable caption={t('inboundMail.caption')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('inboundMail.receivedAt')}</th>
                <th scope="col">{t('inboundMail.from')}</th>
                <th scope="col">{t('inboundMail.subject')}</th>
                <th scope="col">{t('inboundMail.reason')}</th>
                <th scope="col">{t('inboundMail.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{formatInstant(m.receivedAt)}</td>
                  <td className="break">{m.fromAddress || m.envelopeFrom}</td>
                  <th scope="row">
                    <details>
                      <summary>{subjectOf(m)}</summary>
                      <p className="visually-hidden">{t('inboundMail.body')}</p>
                      <pre className="break">{m.body}</pre>
                    </details>
                  </th>
                  <td>{reasonOf(m)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={t('inboundMail.discardLabel', { subject: subjectOf(m), from: m.fromAddress })}
                      disabled={discard.isPending}
                      onClick={() => void throwAway(m)}
                    >
                      {t('inboundMail.discard')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
        {list.hasNextPage && (
          <div className="button-row">
            <button type="button" className="button button-secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('inboundMail.more')}
            </button>
          </div>
        )}
      </section>
    </>
  );
}

import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/data-table';
import { SelectField } from '../../../components/fields';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { formatInstant } from '../../../format';
import { AttachMailDialog, OpenTicketDialog } from '../components/mail-dialogs';
import { useDiscardMail, useQuarantine, type InboundMail, type MailView } from '../queries';

const KNOWN_REASONS = ['unknown_sender', 'sender_not_allowed', 'not_municipal', 'unknown_ticket', 'not_for_desk', 'empty', 'ticket_closed', 'comments_throttled'];

/**
 * Mail to the desk that no rule could apply: the desk adds it to a ticket, opens a ticket from it or
 * throws it away, once each; the handled mail stays listed with who did what. Senders are never answered.
 */
export function QuarantinePage() {
  const { t } = useTranslation();
  const [view, setView] = useState<MailView>('quarantined');
  const list = useQuarantine(view);
  const discard = useDiscardMail();
  const [announcement, setAnnouncement] = useState('');
  const [attaching, setAttaching] = useState<InboundMail | null>(null);
  const [opening, setOpening] = useState<InboundMail | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const subjectOf = (m: InboundMail) => m.subject.trim() || t('inboundMail.noSubject');
  const reasonOf = (m: InboundMail) => (KNOWN_REASONS.includes(m.reason) ? t(`inboundMail.reasons.${m.reason}`) : t('inboundMail.reasons.other', { reason: m.reason }));

  // The row is gone from the quarantine: keep the keyboard on the list's heading, not lost at the page top.
  const done = (text: string) => {
    setAnnouncement(text);
    window.setTimeout(() => heading.current?.focus(), 0);
  };
  const throwAway = async (m: InboundMail) => {
    try {
      await discard.mutateAsync(m.id);
      done(t('inboundMail.discarded', { subject: subjectOf(m) }));
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
        <SelectField
          id="mail-view"
          label={t('inboundMail.show')}
          value={view}
          onChange={(e) => {
            setView(e.target.value as MailView);
            setAnnouncement('');
          }}
          options={[
            { value: 'quarantined', label: t('inboundMail.views.quarantined') },
            { value: 'handled', label: t('inboundMail.views.handled') },
          ]}
        />
        <h2 id="quarantine-list" ref={heading} tabIndex={-1} className="visually-hidden">
          {t(view === 'quarantined' ? 'inboundMail.caption' : 'inboundMail.handledCaption')}
        </h2>
        <p role="status" className="status-line">
          {announcement}
        </p>
        {discard.error !== null && <ProblemMessage error={discard.error} />}
        {list.isPending && <Loading />}
        {list.error !== null && <ProblemMessage error={list.error} onRetry={() => void list.refetch()} />}
        {!list.isPending && list.error === null && items.length === 0 && <p>{t(view === 'quarantined' ? 'inboundMail.empty' : 'inboundMail.noneHandled')}</p>}
        {items.length > 0 && (
          <DataTable caption={t(view === 'quarantined' ? 'inboundMail.caption' : 'inboundMail.handledCaption')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('inboundMail.receivedAt')}</th>
                <th scope="col">{t('inboundMail.from')}</th>
                <th scope="col">{t('inboundMail.subject')}</th>
                <th scope="col">{t('inboundMail.reason')}</th>
                <th scope="col">{t(view === 'quarantined' ? 'inboundMail.actions' : 'inboundMail.outcome')}</th>
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
                    {m.status === 'quarantined' ? (
                      <div className="button-row">
                        <button type="button" className="button button-small" aria-label={t('inboundMail.attachLabel', { subject: subjectOf(m), from: m.fromAddress })} onClick={() => setAttaching(m)}>
                          {t('inboundMail.attach')}
                        </button>
                        <button type="button" className="button button-small" aria-label={t('inboundMail.openLabel', { subject: subjectOf(m), from: m.fromAddress })} onClick={() => setOpening(m)}>
                          {t('inboundMail.openTicket')}
                        </button>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          aria-label={t('inboundMail.discardLabel', { subject: subjectOf(m), from: m.fromAddress })}
                          disabled={discard.isPending}
                          onClick={() => void throwAway(m)}
                        >
                          {t('inboundMail.discard')}
                        </button>
                      </div>
                    ) : (
                      <>
                        {t(`inboundMail.statuses.${m.status}`, { defaultValue: m.status })}
                        {m.ticketId && (
                          <>
                            {' '}
                            <Link to={`/tickets/${m.ticketId}`}>{t('inboundMail.toTicket')}</Link>
                          </>
                        )}
                        {m.decidedBy && m.decidedAt && <div className="muted">{t('inboundMail.decided', { who: m.decidedBy, when: formatInstant(m.decidedAt) })}</div>}
                      </>
                    )}
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
      <AttachMailDialog mail={attaching} subject={attaching ? subjectOf(attaching) : ''} onClose={() => setAttaching(null)} onDone={done} />
      <OpenTicketDialog key={opening?.id ?? 'none'} mail={opening} subject={opening ? subjectOf(opening) : ''} onClose={() => setOpening(null)} onDone={done} />
    </>
  );
}

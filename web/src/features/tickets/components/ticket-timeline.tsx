import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { attachmentHref, timelinePage, type TicketEvent } from '../queries';
import { formatInstant } from '../../../format';

interface Props {
  ticketId: string;
  /** The latest entries, as the ticket carries them. */
  events: TicketEvent[];
  /** Where the entries before `events` are (the ticket's `timelineNext`); null when there are none. */
  olderNext: string | null;
  /** Names agency staff by id (assignments); unknown ids get a generic word. */
  personName: (id: string) => string;
}

function record(data: unknown): Record<string, unknown> {
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

function summary(t: TFunction, event: TicketEvent, personName: (id: string) => string): string {
  const data = record(event.data);
  switch (event.kind) {
    case 'created':
      return t('timeline.created', { priority: typeof data.priority === 'string' ? data.priority : '' });
    case 'status':
      return event.fromStatus
        ? t('timeline.status', { from: t(`ticketStatus.${event.fromStatus}`), to: t(`ticketStatus.${event.toStatus ?? 'new'}`) })
        : t('timeline.statusTo', { to: t(`ticketStatus.${event.toStatus ?? 'new'}`) });
    case 'comment':
      return event.public ? t('timeline.comment') : t('timeline.internalNote');
    case 'assignment':
      return typeof data.assigneeId === 'string' ? t('timeline.assigned', { name: personName(data.assigneeId) }) : t('timeline.unassigned');
    case 'escalation': {
      const clock = t(`sla.clockLower.${data.clock === 'resolution' ? 'resolution' : 'reaction'}`);
      return data.level === 'breach' ? t('timeline.escalationBreach', { clock }) : t('timeline.escalationWarning', { clock });
    }
    case 'rating':
      return t('timeline.rating', { rating: typeof data.rating === 'number' ? data.rating : '?' });
    case 'attachment':
      return t('timeline.attachment');
    default:
      return event.kind;
  }
}

const ICONS: Record<string, string> = { created: '✦', status: '⇄', comment: '✎', assignment: '➜', escalation: '▲', rating: '★', attachment: '+' };

const byTime = (a: TicketEvent, b: TicketEvent) => a.at.localeCompare(b.at) || Number(a.id) - Number(b.id);

/**
 * What happened to a ticket, oldest first; internal notes are marked as seen by agency staff only.
 * A long conversation opens with its latest entries; older ones load on request, a page at a time.
 */
export function TicketTimeline({ ticketId, events, olderNext, personName }: Props) {
  const { t } = useTranslation();
  const [older, setOlder] = useState<TicketEvent[]>([]);
  // undefined until older entries were loaded; then the next older page (null: none left).
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState(false);
  const [said, setSaid] = useState('');
  const [focusOldest, setFocusOldest] = useState(false);
  const oldest = useRef<HTMLLIElement>(null);
  const pending = next === undefined ? olderNext : next;

  useEffect(() => {
    if (focusOldest) oldest.current?.focus();
  }, [focusOldest]);

  const showOlder = async () => {
    if (pending === null) return;
    setLoading(true);
    setError(false);
    try {
      const page = await timelinePage(ticketId, pending);
      setOlder((list) => [...list, ...page.items]);
      setNext(page.next);
      setSaid(t('timeline.olderLoaded', { count: page.items.length }));
      // The button goes away with the last page; focus then goes to the oldest entry.
      setFocusOldest(page.next === null);
    } catch {
      setError(true);
    } finally {
      setLoading(false);
    }
  };

  const seen = new Set<string>();
  const sorted = [...older, ...events].filter((e) => !seen.has(e.id) && seen.add(e.id)).sort(byTime);
  if (sorted.length === 0) return <p>{t('timeline.empty')}</p>;
  return (
    <>
      <p role="status" className="status-line">
        {said}
      </p>
      {pending !== null && (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => void showOlder()} disabled={loading} aria-busy={loading} aria-controls={`timeline-${ticketId}`}>
            {loading ? t('common.loading') : t('timeline.showOlder')}
          </button>
        </div>
      )}
      {error && (
        <p className="message message-error" role="alert">
          {t('timeline.olderFailed')}
        </p>
      )}
      <ol className="timeline" id={`timeline-${ticketId}`}>
      {sorted.map((event, index) => {
        const internal = !event.public;
        const data = record(event.data);
        const attachmentId = event.kind === 'attachment' && typeof data.attachmentId === 'string' ? data.attachmentId : null;
        return (
          <li
            key={event.id}
            className={`timeline-item timeline-${event.kind}${internal ? ' timeline-internal' : ''}`}
            {...(index === 0 && focusOldest && { ref: oldest, tabIndex: -1 })}
          >
            <p className="timeline-head">
              <span className="timeline-icon" aria-hidden="true">
                {ICONS[event.kind] ?? '•'}
              </span>
              <span className="timeline-summary">{summary(t, event, personName)}</span>
              {internal && <span className="tag tag-internal">{t('timeline.internalTag')}</span>}
            </p>
            <p className="timeline-meta muted">
              {event.actorName ?? event.actorLabel}
              {event.byStaff && event.kind !== 'escalation' && ` (${t('timeline.agency')})`} · <time dateTime={event.at}>{formatInstant(event.at)}</time>
            </p>
            {event.kind === 'attachment' && event.body && (
              <p className="timeline-body">
                {attachmentId ? (
                  <a href={attachmentHref(ticketId, attachmentId)} download>
                    {event.body}
                  </a>
                ) : (
                  event.body
                )}
              </p>
            )}
            {event.kind !== 'attachment' && event.body && <div className="timeline-body prose-text">{event.body}</div>}
          </li>
        );
      })}
      </ol>
    </>
  );
}

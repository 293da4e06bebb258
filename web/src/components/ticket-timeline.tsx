import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { deskLinks } from '../desk-api';
import type { TicketEvent } from '../desk-types';
import { formatInstant } from '../format';

interface Props {
  ticketId: string;
  events: TicketEvent[];
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

/** What happened to a ticket, oldest first; internal notes are marked as seen by agency staff only. */
export function TicketTimeline({ ticketId, events, personName }: Props) {
  const { t } = useTranslation();
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  if (sorted.length === 0) return <p>{t('timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {sorted.map((event) => {
        const internal = !event.public;
        const data = record(event.data);
        const attachmentId = event.kind === 'attachment' && typeof data.attachmentId === 'string' ? data.attachmentId : null;
        return (
          <li key={event.id} className={`timeline-item timeline-${event.kind}${internal ? ' timeline-internal' : ''}`}>
            <p className="timeline-head">
              <span className="timeline-icon" aria-hidden="true">
                {ICONS[event.kind] ?? '•'}
              </span>
              <span className="timeline-summary">{summary(t, event, personName)}</span>
              {internal && <span className="tag tag-internal">{t('timeline.internalTag')}</span>}
            </p>
            <p className="timeline-meta muted">
              {event.actorLabel}
              {event.byStaff && event.kind !== 'escalation' && ` (${t('timeline.agency')})`} · <time dateTime={event.at}>{formatInstant(event.at)}</time>
            </p>
            {event.kind === 'attachment' && event.body && (
              <p className="timeline-body">
                {attachmentId ? (
                  <a href={deskLinks.attachment(ticketId, attachmentId)} download>
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
  );
}

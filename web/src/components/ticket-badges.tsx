import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../features/tickets/queries';
import type { Priority } from '../roles';

const STATUS_ICONS: Record<TicketStatus, string> = { new: '✦', in_progress: '◐', waiting_for_customer: '❚❚', resolved: '✓', closed: '○' };

/** A ticket's status: a word, with a shape and colour as extra cues only. */
export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-ticket-${status}`}>
      <span aria-hidden="true" className="badge-icon">
        {STATUS_ICONS[status]}
      </span>
      {t(`ticketStatus.${status}`)}
    </span>
  );
}

/** "P1 kritiska": the code and its meaning in words. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <span className={`priority priority-${priority.toLowerCase()}`}>
      <span className="priority-code">{priority}</span> {t(`priority.${priority}`)}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Ticket } from '../queries';
import { formatInstant } from '../../../format';
import { PriorityBadge, TicketStatusBadge } from '../../../components/ticket-badges';

interface Props {
  ticket: Ticket;
  tenantName: string;
  serviceName: string | null;
  /** The reporter's name (its label when no person reported it). */
  reporterName: string;
  /** Staff only: who works on it. */
  assigneeName: string | null;
}

/** A ticket's registered facts as a description list. */
export function TicketDetails({ ticket, tenantName, serviceName, reporterName, assigneeName }: Props) {
  const { t } = useTranslation();
  return (
    <dl className="details">
      <div>
        <dt>{t('ticket.number')}</dt>
        <dd className="mono">{ticket.number}</dd>
      </div>
      <div>
        <dt>{t('ticket.status')}</dt>
        <dd>
          <TicketStatusBadge status={ticket.status} />
        </dd>
      </div>
      <div>
        <dt>{t('ticket.priority')}</dt>
        <dd>
          <PriorityBadge priority={ticket.priority} />
        </dd>
      </div>
      <div>
        <dt>{t('ticket.category')}</dt>
        <dd>{t(`ticketCategory.${ticket.category}`)}</dd>
      </div>
      <div>
        <dt>{t('ticket.channel')}</dt>
        <dd>{t(`ticketChannel.${ticket.channel}`)}</dd>
      </div>
      <div>
        <dt>{t('ticket.municipality')}</dt>
        <dd>{tenantName}</dd>
      </div>
      <div>
        <dt>{t('ticket.service')}</dt>
        <dd>{serviceName ?? t('ticket.noService')}</dd>
      </div>
      <div>
        <dt>{t('ticket.reporter')}</dt>
        <dd className="break">{reporterName}</dd>
      </div>
      {assigneeName !== null && (
        <div>
          <dt>{t('tickets.assignee')}</dt>
          <dd>{assigneeName}</dd>
        </div>
      )}
      <div>
        <dt>{t('common.createdAt')}</dt>
        <dd>{formatInstant(ticket.createdAt)}</dd>
      </div>
      <div>
        <dt>{t('common.updatedAt')}</dt>
        <dd>{formatInstant(ticket.updatedAt)}</dd>
      </div>
      <div>
        <dt>{t('ticket.calendar')}</dt>
        <dd>
          <Link to={`/calendars/${encodeURIComponent(ticket.calendarId)}`}>{ticket.calendarId}</Link>
        </dd>
      </div>
    </dl>
  );
}

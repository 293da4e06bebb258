import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Ticket } from '../queries';
import { DataTable } from '../../../components/data-table';
import { SlaClockView } from './sla-clock';
import { PriorityBadge, TicketStatusBadge } from '../../../components/ticket-badges';

export interface MeasuredTicket {
  ticket: Ticket;
  /** When the server answered with this ticket (its clocks were measured then). */
  measuredAt: number;
}

interface Props {
  items: MeasuredTicket[];
  /** Shows the municipality column (agency staff see every municipality). */
  tenantName: ((tenantId: string) => string) | null;
  /** The first ticket of a newly loaded page takes focus. */
  focusId: string | null;
}

/** Tickets with their live SLA clocks. */
export const TicketTable = forwardRef<HTMLAnchorElement, Props>(function TicketTable({ items, tenantName, focusId }, focusRef) {
  const { t } = useTranslation();
  return (
    <DataTable caption={t('tickets.caption')} captionHidden className="ticket-table">
      <thead>
        <tr>
          <th scope="col">{t('ticket.number')}</th>
          <th scope="col">{t('ticket.subject')}</th>
          {tenantName && <th scope="col">{t('ticket.municipality')}</th>}
          <th scope="col">{t('ticket.priority')}</th>
          <th scope="col">{t('ticket.status')}</th>
          <th scope="col">{t('sla.clock.reaction')}</th>
          <th scope="col">{t('sla.clock.resolution')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map(({ ticket, measuredAt }) => (
          <tr key={ticket.id}>
            <td className="mono nowrap">{ticket.number}</td>
            <th scope="row">
              <Link to={`/tickets/${ticket.id}`} ref={ticket.id === focusId ? focusRef : undefined}>
                {ticket.subject}
              </Link>
            </th>
            {tenantName && <td>{tenantName(ticket.tenantId)}</td>}
            <td>
              <PriorityBadge priority={ticket.priority} />
            </td>
            <td>
              <TicketStatusBadge status={ticket.status} />
            </td>
            {(['reaction', 'resolution'] as const).map((kind) => (
              <td key={kind} className="sla-cell">
                <SlaClockView clock={ticket.sla[kind]} kind={kind} calendarId={ticket.calendarId} measuredAt={measuredAt} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
});

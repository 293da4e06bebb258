import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deskApi } from '../desk-api';
import type { TicketStatus, TicketWithEvents } from '../desk-types';
import { allowedMoves, moveLabelKey } from '../ticket-workflow';
import { ProblemMessage } from './problem-message';

interface Props {
  ticket: TicketWithEvents;
  staff: boolean;
  onChanged: (ticket: TicketWithEvents) => void;
}

/** One button per move the workflow allows this person from the current status. */
export function TicketStatusActions({ ticket, staff, onChanged }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<TicketStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const moves = allowedMoves(ticket.status, staff);
  const box = useRef<HTMLDivElement>(null);

  const move = async (to: TicketStatus) => {
    setBusy(to);
    setError(null);
    setAnnouncement('');
    try {
      const updated = await deskApi.tickets.setStatus(ticket.id, to);
      onChanged(updated);
      setAnnouncement(t('tickets.statusChanged', { status: t(`ticketStatus.${updated.status}`) }));
      // The pressed button is gone: keep keyboard focus here, on the first of the new moves.
      window.setTimeout(() => (box.current?.querySelector<HTMLElement>('button') ?? box.current)?.focus(), 0);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="status-actions" ref={box} tabIndex={-1}>
      {moves.length === 0 ? (
        <p className="muted">{staff ? t('tickets.noMoves') : t(`tickets.customerWait.${ticket.status}`)}</p>
      ) : (
        <div className="row-actions">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={`button ${to === 'resolved' || (to === 'closed' && !staff) ? 'button-primary' : 'button-secondary'}`}
              onClick={() => void move(to)}
              disabled={busy !== null}
              aria-busy={busy === to}
            >
              {busy === to ? t('common.working') : t(moveLabelKey(ticket.status, to, staff))}
            </button>
          ))}
        </div>
      )}
      {error !== null && <ProblemMessage error={error} />}
      <p role="status" className="status-line">
        {announcement}
      </p>
    </div>
  );
}

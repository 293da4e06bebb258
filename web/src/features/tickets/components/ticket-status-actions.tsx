import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveLabelKey } from '../move-label';
import { useSetTicketStatus, type TicketStatus, type TicketWithEvents } from '../queries';
import { ProblemMessage } from '../../../components/problem-message';

interface Props {
  ticket: TicketWithEvents;
  staff: boolean;
}

/** One button per move the server allows this person from the current status (`allowedTransitions`). */
export function TicketStatusActions({ ticket, staff }: Props) {
  const { t } = useTranslation();
  const setStatus = useSetTicketStatus(ticket.id);
  const [busy, setBusy] = useState<TicketStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const moves = ticket.allowedTransitions;
  const box = useRef<HTMLDivElement>(null);

  const move = async (to: TicketStatus) => {
    setBusy(to);
    setError(null);
    setAnnouncement('');
    try {
      const updated = await setStatus.mutateAsync(to);
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

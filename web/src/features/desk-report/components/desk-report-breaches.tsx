import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DeskBreach } from '../queries';
import { formatMinutes } from '../../../duration';
import { formatInstant } from '../../../format';
import { DataTable } from '../../../components/data-table';
import { PriorityBadge } from '../../../components/ticket-badges';

/** Every clock that passed its target this month, with the ticket it belongs to. */
export function DeskReportBreaches({ breaches, caption }: { breaches: DeskBreach[]; caption: string }) {
  const { t } = useTranslation();
  if (breaches.length === 0) return <p>{t('deskReport.noBreaches')}</p>;
  return (
    <DataTable caption={caption} captionHidden>
      <thead>
        <tr>
          <th scope="col">{t('ticket.number')}</th>
          <th scope="col">{t('ticket.priority')}</th>
          <th scope="col">{t('deskReport.clock')}</th>
          <th scope="col">{t('sla.target')}</th>
          <th scope="col">{t('sla.used')}</th>
          <th scope="col">{t('deskReport.over')}</th>
          <th scope="col">{t('sla.dueAt')}</th>
        </tr>
      </thead>
      <tbody>
        {breaches.map((b) => (
          <tr key={`${b.ticketId}-${b.clock}`}>
            <th scope="row">
              <Link to={`/tickets/${b.ticketId}`} className="mono">
                {b.number}
              </Link>
            </th>
            <td>
              <PriorityBadge priority={b.priority} />
            </td>
            <td>{t(`sla.clock.${b.clock}`)}</td>
            <td>{formatMinutes(t, b.targetMinutes)}</td>
            <td>{formatMinutes(t, b.elapsedMinutes)}</td>
            <td>{formatMinutes(t, b.elapsedMinutes - b.targetMinutes, 'ceil')}</td>
            <td>{formatInstant(b.dueAt)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

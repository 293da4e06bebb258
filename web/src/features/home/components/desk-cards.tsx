import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { PriorityBadge, TicketStatusBadge } from '../../../components/ticket-badges';
import { formatInstant } from '../../../format';
import { deadlineOf, useOpenTickets } from '../queries';
import { HomeCard } from './home-card';

const SHOWN = 8;

/** Open tickets, the missed deadlines first, then the nearest (one municipality's, or all). */
export function TicketDeadlinesCard({ tenantId }: { tenantId?: string }) {
  const { t } = useTranslation();
  const tickets = useOpenTickets(tenantId);
  return (
    <HomeCard id="tickets" title={t(tenantId ? 'home.tickets.ownTitle' : 'home.tickets.title')} link={{ to: '/tickets', label: t('home.tickets.all') }}>
      <AsyncSection resource={tickets}>
        {({ items }) => {
          const breached = items.filter((ticket) => deadlineOf(ticket).breached).length;
          return items.length === 0 ? (
            <p>{t('home.tickets.none')}</p>
          ) : (
            <>
              <p>{t('home.tickets.summary', { count: items.length, breached })}</p>
              <ul className="home-list">
                {items.slice(0, SHOWN).map((ticket) => {
                  const deadline = deadlineOf(ticket);
                  return (
                    <li key={ticket.id}>
                      <Link to={`/tickets/${ticket.id}`}>
                        {ticket.number} {ticket.subject}
                      </Link>
                      <span className="home-why">
                        <PriorityBadge priority={ticket.priority} /> <TicketStatusBadge status={ticket.status} />{' '}
                        {deadline.breached ? (
                          <strong className="home-breached">{t('home.tickets.breached')}</strong>
                        ) : deadline.dueAt ? (
                          t('home.tickets.due', { at: formatInstant(deadline.dueAt) })
                        ) : (
                          t('home.tickets.clockStopped')
                        )}
                      </span>
                    </li>
                  );
                })}
                {items.length > SHOWN && <li>{t('home.more', { count: items.length - SHOWN })}</li>}
              </ul>
            </>
          );
        }}
      </AsyncSection>
    </HomeCard>
  );
}

import { localName } from '../../../local-name';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { Flash } from '../../../components/flash';
import { PageHeading } from '../../../components/page-heading';
import { SatisfactionForm, SatisfactionView } from '../components/satisfaction-form';
import { SlaClockView } from '../components/sla-clock';
import { TicketAssign } from '../components/ticket-assign';
import { TicketAttachments } from '../components/ticket-attachments';
import { TicketCommentForm } from '../components/ticket-comment-form';
import { TicketDetails } from '../components/ticket-details';
import { TicketStatusActions } from '../components/ticket-status-actions';
import { TicketTimeline } from '../components/ticket-timeline';
import { TicketWatchers } from '../components/ticket-watchers';
import { useAssignees, useTicket, useTicketAttachments } from '../queries';
import { can, canChange } from '../../../permissions';
import { useUser } from '../../../session';
import { isTenantRole } from '../../../roles';
import { useTenant } from '../../municipalities/queries';
import { useServices } from '../../catalogue/queries';
import { formatInstant } from '../../../format';

/**
 * One ticket: the conversation (description, replies, internal notes) with the reply box right after it
 * in the middle; workflow, assignment, facts and clocks in a side column (below it on a phone).
 */
export function TicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser();
  const staff = can(user, 'tickets.manage');
  const canWrite = canChange(user, 'tickets.write');
  const agency = !isTenantRole(user.role);
  const loaded = useTicket(id);
  const attachments = useTicketAttachments(id);
  const services = useServices();
  const tenantId = loaded.data?.ticket.tenantId ?? null;
  const tenant = useTenant(agency && tenantId ? tenantId : undefined);
  const [justRated, setJustRated] = useState(false);
  const agents = useAssignees(staff);

  const ticket = loaded.data?.ticket;
  const title = ticket ? ticket.subject : t('tickets.detailTitle');
  const personName = (personId: string) =>
    personId === user.id ? user.name : (agents.data?.find((u) => u.id === personId)?.name ?? t('tickets.assigneeUnknown'));
  const serviceName = (serviceId: string | null) => {
    if (!serviceId) return null;
    const s = services.data?.find((x) => x.id === serviceId);
    if (!s) return t('common.loadingShort');
    return `${localName(s.name)} (${s.code})`;
  };

  return (
    <>
      <Breadcrumbs items={[{ label: t('tickets.title'), to: '/tickets' }, { label: ticket ? t('tickets.numbered', { number: ticket.number }) : t('common.loadingShort') }]} />
      <PageHeading title={title} documentTitle={ticket ? `${t('tickets.numbered', { number: ticket.number })}: ${ticket.subject}` : title}>
        {ticket && <p className="lead">{t('tickets.numbered', { number: ticket.number })}</p>}
      </PageHeading>
      <Flash />
      <AsyncSection resource={loaded}>
        {({ ticket: tk, measuredAt }) => {
          const isReporter = tk.reporterId !== null && tk.reporterId === user.id;
          const finished = tk.status === 'resolved' || tk.status === 'closed';
          return (
            <div className="ticket-layout">
              <div className="ticket-main">
                <section className="section section-first" aria-labelledby="ticket-conversation">
                  <h2 id="ticket-conversation">{t('tickets.conversation')}</h2>
                  <article className="card ticket-description" aria-labelledby="ticket-description-title">
                    <h3 id="ticket-description-title" className="section-subtitle">
                      {t('ticket.description')}
                    </h3>
                    <p className="timeline-meta muted">
                      {tk.reporterName ?? tk.reporterLabel} · <time dateTime={tk.createdAt}>{formatInstant(tk.createdAt)}</time>
                    </p>
                    <div className="prose-text">{tk.description}</div>
                  </article>
                  <TicketTimeline key={tk.id} ticketId={tk.id} events={tk.events} olderNext={tk.timelineNext} personName={personName} />
                  {canWrite && tk.status === 'closed' && <p className="message message-info">{t('comment.closed')}</p>}
                  {canWrite && tk.status !== 'closed' && <TicketCommentForm ticket={tk} staff={staff} />}
                </section>
                <section className="section" aria-labelledby="ticket-attachments">
                  <h2 id="ticket-attachments">{t('attachments.title')}</h2>
                  <TicketAttachments ticketId={tk.id} attachments={attachments} canUpload={canWrite} closed={tk.status === 'closed'} />
                </section>
                {(tk.satisfaction || (isReporter && finished && canWrite)) && (
                  <section className="section" aria-labelledby="ticket-rating">
                    <h2 id="ticket-rating">{t('satisfaction.title')}</h2>
                    {tk.satisfaction ? <SatisfactionView satisfaction={tk.satisfaction} focus={justRated} /> : <SatisfactionForm ticketId={tk.id} onRated={() => setJustRated(true)} />}
                  </section>
                )}
              </div>
              <aside className="ticket-side" aria-label={t('tickets.sideColumn')}>
                {canWrite && (
                  <section className="section section-first" aria-labelledby="ticket-actions">
                    <h2 id="ticket-actions">{t('tickets.actions')}</h2>
                    <TicketStatusActions ticket={tk} staff={staff} />
                    {staff && <TicketAssign ticket={tk} currentUser={user} agents={agents} />}
                  </section>
                )}
                <section className="section" aria-labelledby="ticket-data">
                  <h2 id="ticket-data">{t('tickets.data')}</h2>
                  <TicketDetails
                    ticket={tk}
                    tenantName={agency ? (tenant.data?.name ?? t('common.loadingShort')) : (user.tenantName ?? '')}
                    serviceName={serviceName(tk.serviceId)}
                    reporterName={tk.reporterName ?? tk.reporterLabel}
                    assigneeName={staff ? (tk.assigneeName ?? (tk.assigneeId ? personName(tk.assigneeId) : t('tickets.unassigned'))) : null}
                  />
                </section>
                <section className="section" aria-labelledby="ticket-watchers">
                  <h2 id="ticket-watchers">{t('watchers.title')}</h2>
                  <TicketWatchers ticketId={tk.id} userId={user.id} isReporter={isReporter} canWatch={canWrite} isStaff={staff} />
                </section>
                <section className="section" aria-labelledby="ticket-clocks">
                  <h2 id="ticket-clocks">{t('sla.title')}</h2>
                  <p className="muted">{t('sla.explain')}</p>
                  {(['reaction', 'resolution'] as const).map((kind) => (
                    <section key={kind} className="card clock-card" aria-labelledby={`clock-${kind}`}>
                      <h3 id={`clock-${kind}`}>{t(`sla.clock.${kind}`)}</h3>
                      <SlaClockView clock={tk.sla[kind]} kind={kind} calendarId={tk.calendarId} measuredAt={measuredAt} variant="full" />
                    </section>
                  ))}
                </section>
              </aside>
            </div>
          );
        }}
      </AsyncSection>
    </>
  );
}

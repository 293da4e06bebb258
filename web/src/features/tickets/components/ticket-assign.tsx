import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssignTicket, type Assignee, type TicketWithEvents } from '../queries';
import type { Resource } from '../../../hooks/use-resource';
import type { User } from '../../users/queries';
import { SelectField } from '../../../components/fields';
import { ProblemMessage } from '../../../components/problem-message';

interface Props {
  ticket: TicketWithEvents;
  currentUser: User;
  /** Agency staff who may take tickets (active operators and desk agents). */
  agents: Resource<Assignee[]>;
}

/** Who works on the ticket: any active operator or desk agent, or nobody. */
export function TicketAssign({ ticket, currentUser, agents }: Props) {
  const { t } = useTranslation();
  const assignTo = useAssignTicket(ticket.id);
  const [choice, setChoice] = useState(ticket.assigneeId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const selectId = useId();

  const candidates: { id: string; name: string }[] = [...(agents.data ?? [])];
  if (!candidates.some((u) => u.id === currentUser.id)) candidates.unshift(currentUser);
  if (ticket.assigneeId && !candidates.some((u) => u.id === ticket.assigneeId)) {
    candidates.push({ id: ticket.assigneeId, name: t('tickets.assigneeUnknown') });
  }
  const nameOf = (id: string | null) => (id ? (candidates.find((u) => u.id === id)?.name ?? t('tickets.assigneeUnknown')) : t('tickets.unassigned'));

  const assign = async (assigneeId: string | null) => {
    setBusy(true);
    setError(null);
    setAnnouncement('');
    try {
      const updated = await assignTo.mutateAsync(assigneeId);
      setChoice(updated.assigneeId ?? '');
      setAnnouncement(updated.assigneeId ? t('tickets.assignedTo', { name: nameOf(updated.assigneeId) }) : t('tickets.unassignedDone'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void assign(choice || null);
  };

  return (
    <form className="assign" onSubmit={submit} aria-busy={busy} noValidate>
      <p>
        {t('tickets.assignee')}: <strong>{nameOf(ticket.assigneeId)}</strong>
      </p>
      <div className="field-row assign-row">
        <SelectField
          id={selectId}
          label={t('tickets.assignTo')}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          options={[{ value: '', label: t('tickets.nobody') }, ...candidates.map((u) => ({ value: u.id, label: u.id === currentUser.id ? `${u.name} ${t('users.you')}` : u.name }))]}
          aria-busy={agents.loading}
        />
      </div>
      <div className="row-actions">
        <button type="submit" className="button button-secondary" disabled={busy || choice === (ticket.assigneeId ?? '')}>
          {busy ? t('common.saving') : t('tickets.assign')}
        </button>
        {ticket.assigneeId !== currentUser.id && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void assign(currentUser.id)}>
            {t('tickets.assignMe')}
          </button>
        )}
      </div>
      {agents.error !== null && <ProblemMessage error={agents.error} summary={t('tickets.agentsFailed')} onRetry={agents.reload} />}
      {error !== null && <ProblemMessage error={error} />}
      <p role="status" className="status-line">
        {announcement}
      </p>
    </form>
  );
}

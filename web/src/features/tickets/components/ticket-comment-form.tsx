import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommentOnTicket, useSetTicketStatus, type TicketStatus, type TicketWithEvents } from '../queries';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, SelectField, TextAreaField } from '../../../components/fields';

interface Props {
  ticket: TicketWithEvents;
  /** Agency staff may write internal notes, and their first public reply stops the reaction clock. */
  staff: boolean;
}

const MAX = 20_000;
const idOf = (field: string) => `comment-${field}`;

/**
 * The status a reply usually leads to: a desk agent answering a new ticket starts work on it;
 * otherwise the status stays unless the writer picks another.
 */
function defaultAfter(ticket: TicketWithEvents, staff: boolean): '' | TicketStatus {
  return staff && ticket.status === 'new' && ticket.allowedTransitions.includes('in_progress') ? 'in_progress' : '';
}

/**
 * The reply box, right after the conversation: a public reply or (staff) an internal note, and the
 * status the ticket should have after it — only the moves the server allows now
 * (`allowedTransitions`) — applied with the same button.
 */
export function TicketCommentForm({ ticket, staff }: Props) {
  const { t } = useTranslation();
  const ticketId = ticket.id;
  const comment = useCommentOnTicket(ticketId);
  const setStatus = useSetTicketStatus(ticketId);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [after, setAfter] = useState<'' | TicketStatus>(() => defaultAfter(ticket, staff));
  const moves = ticket.allowedTransitions;
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const form = useFormErrors();
  const labels = { body: t('comment.body'), public: t('comment.internal'), status: t('comment.statusAfter') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const text = body.trim();
    const problems = [];
    if (!text) problems.push({ field: 'body', message: t('validation.required') });
    else if (text.length > MAX) problems.push({ field: 'body', message: t('validation.maxLength', { count: MAX }) });
    if (form.fromList(problems)) return;
    setBusy(true);
    try {
      const added = await comment.mutateAsync({ text, isPublic: !(staff && internal) });
      setBody('');
      setInternal(false);
      form.clear();
      let said = added.public ? t('comment.added') : t('comment.noteAdded');
      // The move after the reply; the reply stays even if the move is refused (the form says so).
      if (after && moves.includes(after)) {
        const moved = await setStatus.mutateAsync(after);
        said = `${said} ${t('tickets.statusChanged', { status: t(`ticketStatus.${moved.status}`) })}`;
        setAfter(defaultAfter(moved, staff));
      }
      setDone(said);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="comment-title">
      <h3 id="comment-title">{t('comment.title')}</h3>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <TextAreaField
        id={idOf('body')}
        label={labels.body}
        hint={staff ? t('comment.staffHint') : t('comment.customerHint')}
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={err('body')}
        maxLength={MAX}
      />
      {staff && (
        <CheckboxField
          id={idOf('public')}
          label={labels.public}
          hint={t('comment.internalHint')}
          checked={internal}
          onChange={(e) => setInternal(e.target.checked)}
          error={err('public')}
        />
      )}
      {moves.length > 0 && (
        <SelectField
          id={idOf('status')}
          label={labels.status}
          value={after}
          onChange={(e) => setAfter(e.target.value as '' | TicketStatus)}
          options={[
            { value: '', label: t('comment.keepStatus', { status: t(`ticketStatus.${ticket.status}`) }) },
            ...moves.map((to) => ({ value: to, label: t(`ticketStatus.${to}`) })),
          ]}
          error={err('status')}
        />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : staff && internal ? t('comment.submitNote') : t('comment.submit')}
        </button>
      </div>
      <p role="status" className="status-line">
        {done}
      </p>
    </form>
  );
}

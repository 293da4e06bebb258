import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommentOnTicket } from '../queries';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, TextAreaField } from '../../../components/fields';

interface Props {
  ticketId: string;
  /** Agency staff may write internal notes, and their first public reply stops the reaction clock. */
  staff: boolean;
}

const MAX = 20_000;
const idOf = (field: string) => `comment-${field}`;

export function TicketCommentForm({ ticketId, staff }: Props) {
  const { t } = useTranslation();
  const comment = useCommentOnTicket(ticketId);
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const form = useFormErrors();
  const labels = { body: t('comment.body'), public: t('comment.internal') };
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
      setDone(added.public ? t('comment.added') : t('comment.noteAdded'));
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

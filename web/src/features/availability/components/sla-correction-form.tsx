import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/error-summary';
import { TextAreaField } from '../../../components/fields';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { usePublishSlaReport, type SlaPublication } from '../queries';

const idOf = (field: string) => (field === 'reason' ? 'correction-reason' : `correction-${field}`);

/** Publishes a corrected version of an already published report; the reason is required and shown to the municipality. */
export function SlaCorrectionForm({ tenantId, month, onPublished }: { tenantId: string; month: string; onPublished: (publication: SlaPublication) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const publish = usePublishSlaReport(tenantId, month);
  const busy = publish.isPending;
  const form = useFormErrors();
  const labels = { reason: t('slaPublish.reason') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.fromList(reason.trim() ? [] : [{ field: 'reason', message: t('slaPublish.reasonRequired') }])) return;
    try {
      const published = await publish.mutateAsync(reason.trim());
      setReason('');
      form.clear();
      onPublished(published);
    } catch (error) {
      form.fromError(error);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="correction-title">
      <h3 id="correction-title">{t('slaPublish.correctionTitle')}</h3>
      <p>{t('slaPublish.correctionIntro')}</p>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <TextAreaField id={idOf('reason')} label={labels.reason} hint={t('slaPublish.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} error={err('reason')} maxLength={2000} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.working') : t('slaPublish.correct')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { INCIDENT_STATUSES } from '../../../../../src/domain/status/incident';
import { useUpdateIncident, type Incident, type IncidentStatus } from '../queries';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextAreaField } from '../../../components/fields';

interface Props {
  incident: Incident;
  onUpdated: (incident: Incident) => void;
}

const MESSAGE_MAX = 5000;
const idOf = (field: string) => `incident-update-${field}`;

/** Posts an update to an open incident; resolving asks for confirmation first (it cannot be undone). */
export function IncidentUpdateForm({ incident, onUpdated }: Props) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<IncidentStatus>(incident.status);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const form = useFormErrors();
  const update = useUpdateIncident(incident.id);
  const labels = { status: t('incidentUpdate.status'), message: t('incidentUpdate.message') };
  const err = form.message;

  const send = async () => {
    const updated = await update.mutateAsync({ status, message: message.trim() });
    setMessage('');
    form.clear();
    onUpdated(updated);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = message.trim();
    const problems = [];
    if (!text) problems.push({ field: 'message', message: t('validation.required') });
    else if (text.length > MESSAGE_MAX) problems.push({ field: 'message', message: t('validation.maxLength', { count: MESSAGE_MAX }) });
    if (form.fromList(problems)) return;
    if (status === 'resolved') {
      setConfirming(true);
      return;
    }
    setBusy(true);
    try {
      await send();
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="incident-update-title">
      <h2 id="incident-update-title" className="h3">
        {t('incidentUpdate.title')}
      </h2>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <SelectField
        id={idOf('status')}
        label={labels.status}
        className="field-short"
        hint={t('incidentUpdate.statusHint')}
        value={status}
        onChange={(e) => setStatus(e.target.value as IncidentStatus)}
        error={err('status')}
        options={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidentStatus.${s}`) }))}
      />
      <TextAreaField id={idOf('message')} label={labels.message} hint={t('incidentUpdate.messageHint')} rows={4} value={message} onChange={(e) => setMessage(e.target.value)} error={err('message')} maxLength={MESSAGE_MAX} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : status === 'resolved' ? t('incidentUpdate.resolve') : t('incidentUpdate.submit')}
        </button>
      </div>
      <ConfirmDialog open={confirming} title={t('incidentUpdate.confirmTitle')} confirmLabel={t('incidentUpdate.resolve')} danger={false} onConfirm={send} onClose={() => setConfirming(false)}>
        <p>{t('incidentUpdate.confirmText', { title: incident.title })}</p>
      </ConfirmDialog>
    </form>
  );
}

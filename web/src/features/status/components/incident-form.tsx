import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../../../../../src/domain/status/incident';
import type { CatalogueService } from '../../catalogue/queries';
import type { IncidentImpact, IncidentInput, IncidentStatus } from '../queries';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { ServiceCheckboxes } from '../../../components/service-checkboxes';

interface Props {
  services: CatalogueService[];
  onSubmit: (input: IncidentInput) => Promise<void>;
  onCancel: () => void;
}

const TITLE_MAX = 300;
const MESSAGE_MAX = 5000;
const idOf = (field: string) => (field === 'impact' ? 'incident-impact-minor' : `incident-${field}`);

/** Opens an incident on the status page: what, how bad, which services, the first message. */
export function IncidentForm({ services, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [impact, setImpact] = useState<IncidentImpact>('major');
  const [status, setStatus] = useState<IncidentStatus>('investigating');
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [startedAt, setStartedAt] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const labels: Record<string, string> = {
    title: t('incidentForm.title'),
    impact: t('incidentForm.impact'),
    status: t('incidentForm.status'),
    serviceIds: t('incident.services'),
    message: t('incidentForm.message'),
    startedAt: t('incidentForm.startedAt'),
  };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!title.trim()) problems.push({ field: 'title', message: t('validation.required') });
    if (serviceIds.length === 0) problems.push({ field: 'serviceIds', message: t('validation.chooseService') });
    if (!message.trim()) problems.push({ field: 'message', message: t('validation.required') });
    const started = startedAt ? new Date(startedAt) : null;
    if (started && Number.isNaN(started.getTime())) problems.push({ field: 'startedAt', message: t('validation.dateTime') });
    else if (started && started.getTime() > Date.now()) problems.push({ field: 'startedAt', message: t('validation.notFuture') });
    if (form.fromList(problems)) return;
    setBusy(true);
    try {
      await onSubmit({ title: title.trim(), impact, status, serviceIds, message: message.trim(), ...(started && { startedAt: started.toISOString() }) });
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  const impactError = err('impact');
  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <p className="muted">{t('form.requiredNote')}</p>
      <TextField id={idOf('title')} label={labels.title!} hint={t('incidentForm.titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} error={err('title')} maxLength={TITLE_MAX} />
      <fieldset className={`fieldset${impactError ? ' field-invalid' : ''}`}>
        <legend>{labels.impact}</legend>
        {INCIDENT_IMPACTS.map((value) => (
          <div key={value} className="field-radio">
            <input id={`incident-impact-${value}`} type="radio" name="impact" value={value} checked={impact === value} onChange={() => setImpact(value)} aria-describedby={`incident-impact-${value}-hint`} />
            <div>
              <label htmlFor={`incident-impact-${value}`}>{t(`incidentImpactName.${value}`)}</label>
              <p id={`incident-impact-${value}-hint`} className="field-hint">
                {t(`incidentForm.impactHint.${value}`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <ServiceCheckboxes idPrefix={idOf('serviceIds')} legend={labels.serviceIds!} hint={t('incidentForm.servicesHint')} services={services} selected={serviceIds} onChange={setServiceIds} error={err('serviceIds')} />
      <SelectField
        id={idOf('status')}
        label={labels.status!}
        className="field-short"
        value={status}
        onChange={(e) => setStatus(e.target.value as IncidentStatus)}
        error={err('status')}
        options={INCIDENT_STATUSES.filter((s) => s !== 'resolved').map((s) => ({ value: s, label: t(`incidentStatus.${s}`) }))}
      />
      <TextAreaField id={idOf('message')} label={labels.message!} hint={t('incidentForm.messageHint')} rows={5} value={message} onChange={(e) => setMessage(e.target.value)} error={err('message')} maxLength={MESSAGE_MAX} />
      <TextField
        id={idOf('startedAt')}
        label={labels.startedAt!}
        optional
        type="datetime-local"
        className="field-short"
        hint={t('incidentForm.startedAtHint')}
        value={startedAt}
        onChange={(e) => setStartedAt(e.target.value)}
        error={err('startedAt')}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('incidentForm.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

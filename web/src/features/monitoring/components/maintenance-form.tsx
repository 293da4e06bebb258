import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { ErrorSummary } from '../../../components/error-summary';
import { TextAreaField, TextField } from '../../../components/fields';
import { ServiceCheckboxes } from '../../../components/service-checkboxes';
import { useFormErrors } from '../../../hooks/use-form-errors';
import type { CatalogueService } from '../../catalogue/queries';
import type { MaintenanceInput, MaintenanceRecord } from '../queries';
import { recurrenceRule, weekdayOf, type RecurrenceChoice } from '../recurrence-rule';
import { DEFAULT_NOTICE_HOURS } from './maintenance-schedule';
import { RecurrencePicker } from './recurrence-picker';

interface Props {
  services: CatalogueService[];
  /** Operators importing history may record an earlier announcement (audited). */
  canBackdate: boolean;
  onSubmit: (input: MaintenanceInput) => Promise<void>;
  onCancel: () => void;
  /** Editing an existing window: its values to start from; recurrence and announcement are set when created. */
  initial?: MaintenanceRecord;
}

/** An instant as the browser's datetime-local value (the input reads and writes local time). */
const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const idOf = (field: string) => `maintenance-${field.replace(/\[\d+\]$/, '')}`;
const instant = (local: string) => (local ? new Date(local) : null);
const valid = (date: Date | null): date is Date => date !== null && !Number.isNaN(date.getTime());

/** Announces a maintenance window; warns when it is too close to count as maintenance in SLA reports. */
export function MaintenanceForm({ services, canBackdate, onSubmit, onCancel, initial }: Props) {
  const { t } = useTranslation();
  const [serviceIds, setServiceIds] = useState<string[]>(initial?.serviceIds ?? []);
  const [startsAt, setStartsAt] = useState(initial ? localInput(initial.startsAt) : '');
  const [endsAt, setEndsAt] = useState(initial ? localInput(initial.endsAt) : '');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [announcedAt, setAnnouncedAt] = useState('');
  const [recurrence, setRecurrence] = useState<RecurrenceChoice>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const labels: Record<string, string> = {
    serviceIds: t('maintenance.services'),
    startsAt: t('maintenanceForm.startsAt'),
    endsAt: t('maintenanceForm.endsAt'),
    title: t('maintenanceForm.title'),
    description: t('maintenanceForm.description'),
    announcedAt: t('maintenanceForm.announcedAt'),
    recurrence: t('recurrence.legend'),
  };
  const err = (field: string) => form.message(field, { nested: true });

  const start = instant(startsAt);
  const announced = instant(announcedAt) ?? new Date();
  const lateNotice = valid(start) && valid(announced) && start.getTime() - announced.getTime() < DEFAULT_NOTICE_HOURS * 3_600_000;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const end = instant(endsAt);
    const problems: FieldError[] = [];
    if (!title.trim()) problems.push({ field: 'title', message: t('validation.required') });
    if (serviceIds.length === 0) problems.push({ field: 'serviceIds', message: t('validation.chooseService') });
    if (!valid(start)) problems.push({ field: 'startsAt', message: t('validation.dateTime') });
    if (!valid(end)) problems.push({ field: 'endsAt', message: t('validation.dateTime') });
    else if (valid(start) && end <= start) problems.push({ field: 'endsAt', message: t('maintenanceForm.endBeforeStart') });
    if (announcedAt && !valid(instant(announcedAt))) problems.push({ field: 'announcedAt', message: t('validation.dateTime') });
    else if (announcedAt && announced.getTime() > Date.now()) problems.push({ field: 'announcedAt', message: t('validation.notFuture') });
    if (recurrence.kind !== 'none' && recurrence.end.by === 'until' && !recurrence.end.until) problems.push({ field: 'recurrence', message: t('recurrence.untilMissing') });
    if (recurrence.kind !== 'none' && recurrence.end.by === 'count' && !(Number.isInteger(recurrence.end.count) && recurrence.end.count >= 1 && recurrence.end.count <= 1000)) problems.push({ field: 'recurrence', message: t('recurrence.countRange') });
    if (form.fromList(problems) || !valid(start) || !valid(end)) return;
    setBusy(true);
    try {
      await onSubmit({
        serviceIds,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        title: title.trim(),
        description: description.trim() || null,
        ...(announcedAt && { announcedAt: announced.toISOString() }),
        ...(recurrence.kind !== 'none' && { recurrence: recurrenceRule(recurrence) }),
      });
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <p className="muted">{t('form.requiredNote')}</p>
      <TextField id={idOf('title')} label={labels.title!} hint={t('maintenanceForm.titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} error={err('title')} maxLength={300} />
      <ServiceCheckboxes idPrefix={idOf('serviceIds')} legend={labels.serviceIds!} services={services} selected={serviceIds} onChange={setServiceIds} error={err('serviceIds')} />
      <fieldset className="fieldset">
        <legend>{t('maintenanceForm.when')}</legend>
        <p className="field-hint">{t('maintenanceForm.whenHint')}</p>
        <div className="field-row">
          <TextField id={idOf('startsAt')} label={labels.startsAt!} type="datetime-local" className="field-short" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} error={err('startsAt')} />
          <TextField id={idOf('endsAt')} label={labels.endsAt!} type="datetime-local" className="field-short" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} error={err('endsAt')} />
        </div>
        <div aria-live="polite">
          {lateNotice && (
            <p className="message message-info">{t('maintenanceForm.lateNotice', { hours: DEFAULT_NOTICE_HOURS })}</p>
          )}
        </div>
      </fieldset>
      {!initial && <RecurrencePicker value={recurrence} onChange={setRecurrence} startDay={startsAt ? weekdayOf(startsAt.slice(0, 10)) : null} error={err('recurrence')} />}
      <TextAreaField id={idOf('description')} label={labels.description!} optional hint={t('maintenanceForm.descriptionHint')} rows={4} value={description} onChange={(e) => setDescription(e.target.value)} error={err('description')} maxLength={5000} />
      {canBackdate && !initial && (
        <TextField
          id={idOf('announcedAt')}
          label={labels.announcedAt!}
          optional
          type="datetime-local"
          className="field-short"
          hint={t('maintenanceForm.announcedAtHint')}
          value={announcedAt}
          onChange={(e) => setAnnouncedAt(e.target.value)}
          error={err('announcedAt')}
        />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : initial ? t('maintenanceForm.save') : t('maintenanceForm.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

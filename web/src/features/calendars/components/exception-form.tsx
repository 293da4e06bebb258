import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { useAddException, type CalendarException, type ExceptionKind } from '../queries';

const EXCEPTION_KINDS: readonly ExceptionKind[] = ['day_off', 'working_day', 'custom_hours'];
import { useFormErrors } from '../../../hooks/use-form-errors';
import { DATE } from '../../../validation';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';

interface Props {
  calendarId: string;
  onAdded: (exception: CalendarException) => void;
  onCancel: () => void;
}

const TIME = /^([01]\d|2[0-4]):[0-5]\d$/;
const REASON_MAX = 300;
const idOf = (field: string) => `exception-${field}`;

/** An operator adds a dated exception: a day off, a working day, or other hours. */
export function ExceptionForm({ calendarId, onAdded, onCancel }: Props) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<ExceptionKind>('day_off');
  const [opens, setOpens] = useState('');
  const [closes, setCloses] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const add = useAddException(calendarId);
  const form = useFormErrors();
  const labels = { date: t('exception.date'), kind: t('exception.kind'), opens: t('exception.opens'), closes: t('exception.closes'), reason: t('exception.reason') };
  const err = form.message;
  const hasHours = kind !== 'day_off';
  const hoursRequired = kind === 'custom_hours';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!DATE.test(date)) problems.push({ field: 'date', message: t('validation.date') });
    if (hasHours && (hoursRequired || opens || closes)) {
      if (!TIME.test(opens)) problems.push({ field: 'opens', message: t('validation.time') });
      if (!TIME.test(closes)) problems.push({ field: 'closes', message: t('validation.time') });
      else if (TIME.test(opens) && closes <= opens) problems.push({ field: 'closes', message: t('validation.closesAfterOpens') });
    }
    if (!reason.trim()) problems.push({ field: 'reason', message: t('validation.required') });
    else if (reason.trim().length > REASON_MAX) problems.push({ field: 'reason', message: t('validation.maxLength', { count: REASON_MAX }) });
    if (form.fromList(problems)) return;
    setBusy(true);
    try {
      const added = await add.mutateAsync({
        date,
        kind,
        ...(hasHours && opens && closes && { opens, closes }),
        reason: reason.trim(),
      });
      onAdded(added);
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="exception-form-title">
      <h3 id="exception-form-title">{t('exception.addTitle')}</h3>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <div className="field-row">
        <TextField id={idOf('date')} label={labels.date} type="date" value={date} onChange={(e) => setDate(e.target.value)} error={err('date')} className="field-short" />
        <SelectField
          id={idOf('kind')}
          label={labels.kind}
          value={kind}
          onChange={(e) => setKind(e.target.value as ExceptionKind)}
          error={err('kind')}
          options={EXCEPTION_KINDS.map((k) => ({ value: k, label: t(`exception.kinds.${k}`) }))}
          className="field-short"
        />
      </div>
      <p className="field-hint" id="exception-kind-explain">
        {t(`exception.kindHint.${kind}`)}
      </p>
      {hasHours && (
        <div className="field-row">
          <TextField
            id={idOf('opens')}
            label={labels.opens}
            optional={!hoursRequired}
            type="time"
            hint={t('exception.timeHint')}
            value={opens}
            onChange={(e) => setOpens(e.target.value)}
            error={err('opens')}
            className="field-short"
          />
          <TextField
            id={idOf('closes')}
            label={labels.closes}
            optional={!hoursRequired}
            type="time"
            hint={t('exception.timeHint')}
            value={closes}
            onChange={(e) => setCloses(e.target.value)}
            error={err('closes')}
            className="field-short"
          />
        </div>
      )}
      <TextField
        id={idOf('reason')}
        label={labels.reason}
        hint={t('exception.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={err('reason')}
        maxLength={REASON_MAX}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('exception.add')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { initialAgreementValues, toAgreementInput, validateAgreement, type AgreementValues } from '../agreement-values';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { useCalendars } from '../../calendars/queries';
import type { Priority } from '../../../roles';
import type { Agreement, NewAgreementInput } from '../queries';
import { DeskTargetsFields } from '../../../components/desk-targets-fields';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/fields';
import { ProblemMessage } from '../../../components/problem-message';

interface Props {
  agreement?: Agreement;
  onSubmit: (input: NewAgreementInput, values: AgreementValues) => Promise<void>;
  onCancel: () => void;
}

const idOf = (field: string) => `agreement-${field.replace(/\./g, '-')}`;

export function AgreementForm({ agreement, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const editing = agreement !== undefined;
  const [values, setValues] = useState<AgreementValues>(() => initialAgreementValues(agreement));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const calendars = useCalendars();

  const labels: Record<string, string> = {
    number: t('agreement.number'),
    signedOn: t('agreement.signedOn'),
    effectiveFrom: t('agreement.effectiveFrom'),
    effectiveTo: t('agreement.effectiveTo'),
    availabilityTargetPercent: t('agreement.availabilityTarget'),
    calendarId: t('agreement.calendar'),
    maintenanceNoticeHours: t('agreement.maintenanceNoticeHours'),
    buyerReference: t('agreement.buyerReference'),
    vatExempt: t('agreement.vatExempt'),
    changeNote: t('agreement.changeNote'),
  };
  for (const p of ['P1', 'P2', 'P3', 'P4'] as const) {
    labels[`deskTargets.${p}.reactionMinutes`] = t('agreement.targetLabel.reactionMinutes', { priority: p });
    labels[`deskTargets.${p}.resolutionMinutes`] = t('agreement.targetLabel.resolutionMinutes', { priority: p });
  }

  const err = form.message;
  const set = (key: Exclude<keyof AgreementValues, 'deskTargets' | 'vatExempt'>) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const setTarget = (p: Priority, kind: 'reactionMinutes' | 'resolutionMinutes', value: string) =>
    setValues((v) => ({ ...v, deskTargets: { ...v.deskTargets, [p]: { ...v.deskTargets[p], [kind]: value } } }));

  const calendarOptions = (calendars.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.id}, ${c.timeZone})` }));
  if (!calendarOptions.some((o) => o.value === values.calendarId)) calendarOptions.unshift({ value: values.calendarId, label: values.calendarId });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.fromList(validateAgreement(t, values, editing))) return;
    setBusy(true);
    try {
      await onSubmit(toAgreementInput(values), values);
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <p className="muted">{t('form.requiredNote')}</p>
      <fieldset className="fieldset">
        <legend>{t('agreement.basics')}</legend>
        <TextField id={idOf('number')} label={labels.number!} value={values.number} onChange={set('number')} error={err('number')} className="field-short" />
        <div className="field-row">
          <TextField id={idOf('signedOn')} label={labels.signedOn!} type="date" value={values.signedOn} onChange={set('signedOn')} error={err('signedOn')} />
          <TextField id={idOf('effectiveFrom')} label={labels.effectiveFrom!} type="date" value={values.effectiveFrom} onChange={set('effectiveFrom')} error={err('effectiveFrom')} />
          <TextField
            id={idOf('effectiveTo')}
            label={labels.effectiveTo!}
            optional
            type="date"
            hint={t('agreement.effectiveToHint')}
            value={values.effectiveTo}
            onChange={set('effectiveTo')}
            error={err('effectiveTo')}
          />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('agreement.service')}</legend>
        <div className="field-row">
          <TextField
            id={idOf('availabilityTargetPercent')}
            label={labels.availabilityTargetPercent!}
            hint={t('agreement.availabilityHint')}
            inputMode="decimal"
            value={values.availabilityTargetPercent}
            onChange={set('availabilityTargetPercent')}
            error={err('availabilityTargetPercent')}
            className="field-short"
          />
          <TextField
            id={idOf('maintenanceNoticeHours')}
            label={labels.maintenanceNoticeHours!}
            hint={t('agreement.noticeHint')}
            inputMode="numeric"
            value={values.maintenanceNoticeHours}
            onChange={set('maintenanceNoticeHours')}
            error={err('maintenanceNoticeHours')}
            className="field-short"
          />
        </div>
        <SelectField
          id={idOf('calendarId')}
          label={labels.calendarId!}
          hint={calendars.loading ? t('agreement.calendarsLoading') : t('agreement.calendarHint')}
          value={values.calendarId}
          onChange={set('calendarId')}
          error={err('calendarId')}
          options={calendarOptions}
          aria-busy={calendars.loading}
        />
        {calendars.error !== null && <ProblemMessage error={calendars.error} summary={t('agreement.calendarsFailed')} onRetry={calendars.reload} />}
      </fieldset>
      <DeskTargetsFields idOf={idOf} values={values.deskTargets} onChange={setTarget} errorOf={err} />
      <fieldset className="fieldset">
        <legend>{t('agreement.invoicing')}</legend>
        <TextField
          id={idOf('buyerReference')}
          label={labels.buyerReference!}
          optional
          hint={t('agreement.buyerReferenceHint')}
          value={values.buyerReference}
          onChange={set('buyerReference')}
          error={err('buyerReference')}
          maxLength={200}
        />
        <CheckboxField
          id={idOf('vatExempt')}
          label={labels.vatExempt!}
          hint={t('agreement.vatExemptHint')}
          checked={values.vatExempt}
          onChange={(e) => setValues((v) => ({ ...v, vatExempt: e.target.checked }))}
          error={err('vatExempt')}
        />
      </fieldset>
      {editing && (
        <TextAreaField
          id={idOf('changeNote')}
          label={labels.changeNote!}
          optional
          hint={t('agreement.changeNoteHint')}
          value={values.changeNote}
          onChange={set('changeNote')}
          error={err('changeNote')}
          maxLength={500}
        />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : editing ? t('agreements.saveVersion') : t('agreements.create')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

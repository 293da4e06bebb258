import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, TextField } from '../../../components/fields';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { monitorChanges, monitorValues } from '../monitor-edit-input';
import { monitorFieldId, monitorProblems, type MonitorValues } from '../monitor-input';
import { useUpdateMonitor, type Monitor } from '../queries';
import { MonitorConfigFields } from './monitor-config-fields';

const LABEL_KEYS = ['name', 'target', 'timeoutMs', 'critical', 'locations'] as const;
const CONFIG_KEYS = ['method', 'expectedStatus', 'keyword', 'jsonPath', 'jsonExpected', 'maxLatencyMs', 'certExpiryDays', 'allowInvalidCertificate', 'recordType', 'expected', 'servers'] as const;

interface Props {
  monitor: Monitor;
  onSaved: (monitor: Monitor) => void;
  onCancel: () => void;
}

/** Changes what a monitor checks and from where; its type, interval and failures-to-confirm stay as they are. */
export function MonitorEditForm({ monitor, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<MonitorValues>(() => monitorValues(monitor));
  const update = useUpdateMonitor(monitor.id);
  const busy = update.isPending;
  const form = useFormErrors();
  const set = <K extends keyof MonitorValues>(key: K, value: MonitorValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const labels: Record<string, string> = {
    ...Object.fromEntries(LABEL_KEYS.map((k) => [k, t(`monitorForm.${k}`)])),
    ...Object.fromEntries(CONFIG_KEYS.map((k) => [`config.${k}`, t(`monitorForm.config.${k}`)])),
  };
  const err = (field: string) => form.message(field, { nested: true });

  useEffect(() => document.getElementById('monitor-edit-title')?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = monitorProblems(values, t);
    if (!values.timeoutMs.trim()) problems.push({ field: 'timeoutMs', message: t('validation.required') });
    if (form.fromList(problems)) return;
    try {
      onSaved(await update.mutateAsync(monitorChanges(values, monitor)));
    } catch (error) {
      form.fromError(error);
    }
  };

  const field = (key: 'name' | 'target' | 'timeoutMs' | 'locations', hint: string, numeric = false) => (
    <TextField
      id={monitorFieldId(key)}
      label={labels[key]!}
      hint={hint}
      className={numeric ? 'field-short' : undefined}
      inputMode={numeric ? 'numeric' : undefined}
      value={values[key]}
      onChange={(e) => set(key, e.target.value)}
      error={err(key)}
    />
  );

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="monitor-edit-title">
      <h3 id="monitor-edit-title" tabIndex={-1}>{t('monitorPage.editTitle')}</h3>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={monitorFieldId} />
      <p className="muted">{t('monitorPage.fixedNote')}</p>
      {field('name', t('monitorForm.hint.name'))}
      <CheckboxField id={monitorFieldId('critical')} label={labels.critical!} hint={t('monitorForm.hint.critical')} checked={values.critical} onChange={(e) => set('critical', e.target.checked)} error={err('critical')} />
      <fieldset className="fieldset">
        <legend>{t('monitorForm.check', { type: t(`monitorType.${values.type}`) })}</legend>
        {values.type !== 'push' && field('target', t(`monitorForm.targetHint.${values.type}`))}
        <MonitorConfigFields values={values} set={set} err={err} />
      </fieldset>
      {field('timeoutMs', t('monitorPage.timeoutHint'), true)}
      {field('locations', t('monitorForm.hint.locations'))}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, SelectField, TextField } from '../../../components/fields';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { localName } from '../../../local-name';
import type { CatalogueService } from '../../catalogue/queries';
import type { Tenant } from '../../municipalities/queries';
import { INITIAL_MONITOR, monitorFieldId, monitorProblems, toMonitorInput, type MonitorValues } from '../monitor-input';
import { MONITOR_TYPES, type MonitorInput } from '../queries';
import { MonitorConfigFields } from './monitor-config-fields';

interface Props {
  services: CatalogueService[];
  tenants: Tenant[];
  onSubmit: (input: MonitorInput) => Promise<void>;
  onCancel: () => void;
}

const LABEL_KEYS = ['serviceId', 'tenantId', 'name', 'type', 'target', 'intervalSeconds', 'timeoutMs', 'failuresToConfirm', 'critical', 'locations'] as const;
const CONFIG_KEYS = ['method', 'expectedStatus', 'keyword', 'jsonPath', 'jsonExpected', 'maxLatencyMs', 'certExpiryDays', 'allowInvalidCertificate', 'recordType', 'expected', 'servers'] as const;

/** Adds a monitor: what service, whose instance, what to check and how, how often, from where. */
export function MonitorForm({ services, tenants, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<MonitorValues>(INITIAL_MONITOR);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const set = <K extends keyof MonitorValues>(key: K, value: MonitorValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const labels: Record<string, string> = {
    ...Object.fromEntries(LABEL_KEYS.map((k) => [k, t(`monitorForm.${k}`)])),
    ...Object.fromEntries(CONFIG_KEYS.map((k) => [`config.${k}`, t(`monitorForm.config.${k}`)])),
  };
  const err = (field: string) => form.message(field, { nested: true });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.fromList(monitorProblems(values, t))) return;
    setBusy(true);
    try {
      await onSubmit(toMonitorInput(values));
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  const field = (key: 'name' | 'target' | 'intervalSeconds' | 'timeoutMs' | 'failuresToConfirm' | 'locations', options: { optional?: boolean; short?: boolean; numeric?: boolean; hint?: string } = {}) => (
    <TextField
      id={monitorFieldId(key)}
      label={labels[key]!}
      hint={options.hint ?? t(`monitorForm.hint.${key}`)}
      optional={options.optional}
      className={options.short ? 'field-short' : undefined}
      inputMode={options.numeric ? 'numeric' : undefined}
      value={values[key]}
      onChange={(e) => set(key, e.target.value)}
      error={err(key)}
    />
  );

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={monitorFieldId} />
      <p className="muted">{t('form.requiredNote')}</p>
      <fieldset className="fieldset">
        <legend>{t('monitorForm.what')}</legend>
        <SelectField
          id={monitorFieldId('serviceId')}
          label={labels.serviceId!}
          value={values.serviceId}
          onChange={(e) => set('serviceId', e.target.value)}
          error={err('serviceId')}
          options={[{ value: '', label: t('subscriptions.chooseService') }, ...services.map((s) => ({ value: s.id, label: `${localName(s.name)} (${s.code})` }))]}
        />
        <SelectField
          id={monitorFieldId('tenantId')}
          label={labels.tenantId!}
          hint={t('monitorForm.hint.tenantId')}
          value={values.tenantId}
          onChange={(e) => set('tenantId', e.target.value)}
          error={err('tenantId')}
          options={[{ value: '', label: t('monitorForm.sharedInstance') }, ...[...tenants].sort((a, b) => a.name.localeCompare(b.name, 'lv')).map((x) => ({ value: x.id, label: x.name }))]}
        />
        {field('name')}
        <CheckboxField id={monitorFieldId('critical')} label={labels.critical!} hint={t('monitorForm.hint.critical')} checked={values.critical} onChange={(e) => set('critical', e.target.checked)} error={err('critical')} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{labels.type}</legend>
        {MONITOR_TYPES.map((type) => (
          <div key={type} className="field-radio">
            <input id={`monitor-type-${type}`} type="radio" name="monitor-type" value={type} checked={values.type === type} onChange={() => set('type', type)} aria-describedby={`monitor-type-${type}-hint`} />
            <div>
              <label htmlFor={`monitor-type-${type}`}>{t(`monitorType.${type}`)}</label>
              <p id={`monitor-type-${type}-hint`} className="field-hint">
                {t(`monitorForm.typeHint.${type}`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('monitorForm.check', { type: t(`monitorType.${values.type}`) })}</legend>
        {values.type !== 'push' && field('target', { hint: t(`monitorForm.targetHint.${values.type}`) })}
        <MonitorConfigFields values={values} set={set} err={err} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('monitorForm.schedule')}</legend>
        <div className="field-row">
          {field('intervalSeconds', { short: true, numeric: true })}
          {field('timeoutMs', { short: true, numeric: true, optional: true })}
          {field('failuresToConfirm', { short: true, numeric: true })}
        </div>
        {field('locations')}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('monitorForm.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from '../../../components/fields';
import type { Text } from '../../../messages';
import { monitorFieldId, type MonitorValues } from '../monitor-input';
import { DNS_RECORD_TYPES, HTTP_METHODS } from '../queries';

interface Props {
  values: MonitorValues;
  set: <K extends keyof MonitorValues>(key: K, value: MonitorValues[K]) => void;
  err: (field: string) => Text | null;
}

/** The checks that depend on the monitor's type: HTTP(S), TLS and DNS have their own; TCP and push have none. */
export function MonitorConfigFields({ values, set, err }: Props) {
  const { t } = useTranslation();
  const text = (key: 'expectedStatus' | 'keyword' | 'jsonPath' | 'jsonExpected' | 'maxLatencyMs' | 'expected' | 'servers', options: { short?: boolean; numeric?: boolean } = {}) => (
    <TextField
      id={monitorFieldId(`config.${key}`)}
      label={t(`monitorForm.config.${key}`)}
      hint={t(`monitorForm.configHint.${key}`)}
      optional
      className={options.short ? 'field-short' : undefined}
      inputMode={options.numeric ? 'numeric' : undefined}
      value={values[key]}
      onChange={(e) => set(key, e.target.value)}
      error={err(`config.${key}`)}
    />
  );
  const certificate = (
    <>
      <TextField
        id={monitorFieldId('config.certExpiryDays')}
        label={t('monitorForm.config.certExpiryDays')}
        hint={t('monitorForm.configHint.certExpiryDays')}
        className="field-short"
        inputMode="numeric"
        value={values.certExpiryDays}
        onChange={(e) => set('certExpiryDays', e.target.value)}
        error={err('config.certExpiryDays')}
      />
      <CheckboxField
        id={monitorFieldId('config.allowInvalidCertificate')}
        label={t('monitorForm.config.allowInvalidCertificate')}
        hint={t('monitorForm.configHint.allowInvalidCertificate')}
        checked={values.allowInvalidCertificate}
        onChange={(e) => set('allowInvalidCertificate', e.target.checked)}
        error={err('config.allowInvalidCertificate')}
      />
    </>
  );

  if (values.type === 'tcp' || values.type === 'push') return <p className="muted">{t(`monitorForm.noConfig.${values.type}`)}</p>;
  if (values.type === 'tls') return certificate;
  if (values.type === 'dns') {
    return (
      <>
        <SelectField
          id={monitorFieldId('config.recordType')}
          label={t('monitorForm.config.recordType')}
          className="field-short"
          value={values.recordType}
          onChange={(e) => set('recordType', e.target.value as MonitorValues['recordType'])}
          error={err('config.recordType')}
          options={DNS_RECORD_TYPES.map((r) => ({ value: r, label: r }))}
        />
        {text('expected')}
        {text('servers')}
      </>
    );
  }
  return (
    <>
      <SelectField
        id={monitorFieldId('config.method')}
        label={t('monitorForm.config.method')}
        className="field-short"
        value={values.method}
        onChange={(e) => set('method', e.target.value as MonitorValues['method'])}
        error={err('config.method')}
        options={HTTP_METHODS.map((m) => ({ value: m, label: m }))}
      />
      {text('expectedStatus', { short: true })}
      {text('keyword')}
      <div className="field-row">
        {text('jsonPath')}
        {text('jsonExpected')}
      </div>
      {text('maxLatencyMs', { short: true, numeric: true })}
      {certificate}
    </>
  );
}

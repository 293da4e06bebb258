import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { fieldMessage } from '../../../messages';
import type { CatalogueService, LegalBasisLink, NewServiceInput, ServiceInput } from '../queries';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, TextAreaField, TextField } from '../../../components/fields';
import { LegalBasisFields } from './legal-basis-fields';

const TEXT_FIELDS = ['holder', 'provider', 'customerGroup', 'fee', 'timeLimit', 'resultDelivery', 'owner'] as const;
type TextFieldName = (typeof TEXT_FIELDS)[number];
type Values = Record<TextFieldName | 'code' | 'nameLv' | 'nameEn' | 'description' | 'requestChannels', string> & { critical: boolean; legalBasis: LegalBasisLink[] };

function initialValues(s: CatalogueService | undefined): Values {
  return {
    code: s?.code ?? '',
    nameLv: s?.name.lv ?? '',
    nameEn: s?.name.en ?? '',
    description: s?.description ?? '',
    requestChannels: s?.requestChannels.join('\n') ?? '',
    critical: s?.critical ?? false,
    legalBasis: s?.legalBasis ?? [],
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, s?.[f] ?? ''])) as Record<TextFieldName, string>),
  };
}

function toInput(v: Values): NewServiceInput {
  const orNull = (text: string) => text.trim() || null;
  return {
    code: v.code.trim(),
    name: { lv: v.nameLv.trim(), en: orNull(v.nameEn) },
    description: orNull(v.description),
    requestChannels: v.requestChannels.split('\n').map((c) => c.trim()).filter(Boolean),
    critical: v.critical,
    legalBasis: v.legalBasis.map((l) => ({ title: l.title.trim(), url: l.url.trim() })),
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, orNull(v[f])])) as Record<TextFieldName, string | null>),
  };
}

/** Only what changed, so the audit log shows the real change. */
function changes(input: ServiceInput, before: ServiceInput): ServiceInput {
  return Object.fromEntries(Object.entries(input).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key as keyof ServiceInput])));
}

/** Server paths ("name.lv", "legalBasis[0].url", "legalBasis.0.url") → this form's input ids. */
function idOf(field: string): string {
  const legal = /^legalBasis(?:\[(\d+)\]|\.(\d+))\.(title|url)$/.exec(field);
  if (legal) return `service-legal-${legal[1] ?? legal[2]}-${legal[3]}`;
  if (field === 'name' || field === 'name.lv') return 'service-nameLv';
  if (field === 'name.en') return 'service-nameEn';
  if (field.startsWith('requestChannels')) return 'service-requestChannels';
  if (field.startsWith('legalBasis')) return 'service-legal-add';
  return `service-${field}`;
}

interface Props {
  service?: CatalogueService;
  /** What changed (all of it for a new service), and the whole input. */
  onSubmit: (input: ServiceInput, full: NewServiceInput) => Promise<void>;
  onCancel: () => void;
}

export function ServiceForm({ service, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => initialValues(service));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const labels: Record<string, string> = {
    code: t('service.code'),
    name: t('service.nameLv'),
    'name.lv': t('service.nameLv'),
    'name.en': t('service.nameEn'),
    description: t('service.description'),
    requestChannels: t('service.requestChannels'),
    critical: t('service.critical'),
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, t(`service.${f}`)])),
    ...Object.fromEntries(values.legalBasis.flatMap((_, i) => [[`legalBasis[${i}].title`, t('serviceForm.legalTitle', { number: i + 1 })], [`legalBasis[${i}].url`, t('serviceForm.legalUrl', { number: i + 1 })]])),
  };
  const err = (...fields: string[]) => {
    const text = fields.map((f) => form.errors.fields[f]).find(Boolean);
    return text ? fieldMessage(t, text, form.errors.local) : null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!values.code.trim()) problems.push({ field: 'code', message: t('validation.required') });
    else if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(values.code.trim())) problems.push({ field: 'code', message: t('validation.serviceCode') });
    if (!values.nameLv.trim()) problems.push({ field: 'name.lv', message: t('validation.required') });
    values.legalBasis.forEach((l, i) => {
      if (!l.title.trim()) problems.push({ field: `legalBasis[${i}].title`, message: t('validation.required') });
      if (!/^https?:\/\/\S+$/.test(l.url.trim())) problems.push({ field: `legalBasis[${i}].url`, message: t('validation.url') });
    });
    if (form.fromList(problems)) return;
    const input = toInput(values);
    setBusy(true);
    try {
      await onSubmit(service ? changes(input, toInput(initialValues(service))) : input, input);
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  const text = (field: TextFieldName, hint?: string) => (
    <TextField id={idOf(field)} label={t(`service.${field}`)} optional hint={hint} value={values[field]} onChange={(e) => set(field, e.target.value)} error={err(field)} maxLength={300} />
  );

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <p className="muted">{t('form.requiredNote')}</p>
      <fieldset className="fieldset">
        <legend>{t('serviceForm.identity')}</legend>
        <TextField id={idOf('code')} label={labels.code!} hint={t('serviceForm.codeHint')} className="field-short" value={values.code} onChange={(e) => set('code', e.target.value)} error={err('code')} maxLength={40} />
        <TextField id={idOf('name.lv')} label={labels['name.lv']!} lang="lv" value={values.nameLv} onChange={(e) => set('nameLv', e.target.value)} error={err('name', 'name.lv')} maxLength={200} />
        <TextField id={idOf('name.en')} label={labels['name.en']!} optional lang="en" value={values.nameEn} onChange={(e) => set('nameEn', e.target.value)} error={err('name.en')} maxLength={200} />
        <TextAreaField id={idOf('description')} label={labels.description!} optional rows={4} value={values.description} onChange={(e) => set('description', e.target.value)} error={err('description')} maxLength={5000} />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('serviceForm.catalogue')}</legend>
        {text('holder', t('serviceForm.holderHint'))}
        {text('provider', t('serviceForm.providerHint'))}
        {text('customerGroup')}
        <TextAreaField
          id={idOf('requestChannels')}
          label={labels.requestChannels!}
          optional
          hint={t('serviceForm.channelsHint')}
          rows={3}
          value={values.requestChannels}
          onChange={(e) => set('requestChannels', e.target.value)}
          error={err('requestChannels')}
        />
        {text('fee')}
        {text('timeLimit')}
        {text('resultDelivery')}
      </fieldset>
      <LegalBasisFields
        rows={values.legalBasis}
        onChange={(rows) => set('legalBasis', rows)}
        idOf={(field, index) => idOf(`legalBasis[${index}].${field}`)}
        error={(field, index) => err(`legalBasis[${index}].${field}`, `legalBasis.${index}.${field}`)}
      />
      <fieldset className="fieldset">
        <legend>{t('serviceForm.operation')}</legend>
        <CheckboxField id={idOf('critical')} label={labels.critical!} hint={t('serviceForm.criticalHint')} checked={values.critical} onChange={(e) => set('critical', e.target.checked)} error={err('critical')} />
        {text('owner', t('serviceForm.ownerHint'))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : service ? t('common.save') : t('serviceForm.create')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

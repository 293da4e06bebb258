import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { fieldMessage } from '../../../messages';
import { statusChoices } from '../../../tenant-status';
import { PEPPOL_SCHEMES } from '../../../roles';
import type { NewTenantInput, Tenant, TenantInput } from '../queries';
import { checkRegistrationNumber } from '../../../../../src/domain/registration-number';
import { COUNTRY, EMAIL, LV_POSTAL_CODE, VAT_NUMBER } from '../../../validation';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';

interface Values {
  name: string;
  registrationNumber: string;
  vatNumber: string;
  street: string;
  city: string;
  postalCode: string;
  country: string;
  email: string;
  peppolScheme: string;
  peppolId: string;
  status: string;
}

function initialValues(tenant: Tenant | undefined): Values {
  return {
    name: tenant?.name ?? '',
    registrationNumber: tenant?.registrationNumber ?? '',
    vatNumber: tenant?.vatNumber ?? '',
    street: tenant?.address?.street ?? '',
    city: tenant?.address?.city ?? '',
    postalCode: tenant?.address?.postalCode ?? '',
    country: tenant?.address?.country ?? 'LV',
    email: tenant?.email ?? '',
    peppolScheme: tenant?.peppolEndpoint.scheme ?? '0218',
    peppolId: tenant?.peppolEndpoint.id ?? '',
    status: tenant?.status ?? 'onboarding',
  };
}

/** Server field names that differ from the form's paths. */
const ALIASES: Record<string, string> = { peppolScheme: 'peppolEndpoint.scheme', peppolId: 'peppolEndpoint.id', address: 'address.street', peppolEndpoint: 'peppolEndpoint.id' };
const idOf = (field: string) => `tenant-${(ALIASES[field] ?? field).replace(/\./g, '-')}`;

function toInput(v: Values, editing: boolean): NewTenantInput {
  const hasAddress = Boolean(v.street.trim() || v.city.trim() || v.postalCode.trim());
  return {
    name: v.name.trim(),
    registrationNumber: v.registrationNumber.trim(),
    vatNumber: v.vatNumber.trim() || null,
    address: hasAddress ? { street: v.street.trim(), city: v.city.trim(), postalCode: v.postalCode.trim(), country: v.country.trim().toUpperCase() } : null,
    email: v.email.trim() || null,
    ...(v.peppolId.trim() && { peppolEndpoint: { scheme: v.peppolScheme as Tenant['peppolEndpoint']['scheme'], id: v.peppolId.trim() } }),
    ...(editing && { status: v.status as Tenant['status'] }),
  };
}

/** Only what changed, so the audit log shows the real change. */
function changes(input: TenantInput, before: TenantInput): TenantInput {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key])) out[key] = value;
  }
  return out as TenantInput;
}

interface Props {
  tenant?: Tenant;
  /** What changed (all of it for a new municipality), and the whole input. */
  onSubmit: (input: TenantInput, full: NewTenantInput) => Promise<void>;
  onCancel: () => void;
}

export function TenantForm({ tenant, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => initialValues(tenant));
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const editing = tenant !== undefined;

  const set = (key: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  const labels: Record<string, string> = {
    name: t('tenant.name'),
    registrationNumber: t('tenant.registrationNumber'),
    vatNumber: t('tenant.vatNumber'),
    'address.street': t('tenant.street'),
    'address.city': t('tenant.city'),
    'address.postalCode': t('tenant.postalCode'),
    'address.country': t('tenant.country'),
    address: t('tenant.address'),
    email: t('tenant.email'),
    'peppolEndpoint.scheme': t('tenant.peppolScheme'),
    'peppolEndpoint.id': t('tenant.peppolId'),
    peppolEndpoint: t('tenant.peppol'),
    peppolScheme: t('tenant.peppolScheme'),
    peppolId: t('tenant.peppolId'),
    status: t('tenant.status'),
  };

  const err = (field: string) => {
    const alias = Object.keys(ALIASES).find((from) => ALIASES[from] === field && form.errors.fields[from] !== undefined);
    const text = form.errors.fields[field] ?? (alias ? form.errors.fields[alias] : undefined);
    return text ? fieldMessage(t, text, form.errors.local) : null;
  };

  const validate = (v: Values): FieldError[] => {
    const list: FieldError[] = [];
    if (v.name.trim().length < 2) list.push({ field: 'name', message: t('validation.nameMin') });
    const regno = v.registrationNumber.trim();
    const regnoProblem = checkRegistrationNumber(regno);
    if (regnoProblem) list.push({ field: 'registrationNumber', message: t(regnoProblem === 'format' ? 'validation.registrationNumber' : 'validation.registrationChecksum') });
    const vat = v.vatNumber.trim();
    if (vat && !VAT_NUMBER.test(vat)) list.push({ field: 'vatNumber', message: t('validation.vatNumber') });
    else if (vat && !regnoProblem && vat.slice(2) !== regno) list.push({ field: 'vatNumber', message: t('validation.vatMatchesRegistration') });
    const hasAddress = Boolean(v.street.trim() || v.city.trim() || v.postalCode.trim());
    if (hasAddress) {
      if (!v.street.trim()) list.push({ field: 'address.street', message: t('validation.addressPart') });
      if (!v.city.trim()) list.push({ field: 'address.city', message: t('validation.addressPart') });
      const country = v.country.trim().toUpperCase();
      if (!COUNTRY.test(country)) list.push({ field: 'address.country', message: t('validation.country') });
      if (!v.postalCode.trim()) list.push({ field: 'address.postalCode', message: t('validation.addressPart') });
      else if (country === 'LV' && !LV_POSTAL_CODE.test(v.postalCode.trim())) list.push({ field: 'address.postalCode', message: t('validation.postalCode') });
    }
    if (v.email.trim() && !EMAIL.test(v.email.trim())) list.push({ field: 'email', message: t('validation.email') });
    return list;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.fromList(validate(values))) return;
    const input = toInput(values, editing);
    const body = editing ? changes(input, toInput(initialValues(tenant), true)) : input;
    setBusy(true);
    try {
      await onSubmit(body, input);
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
        <legend>{t('tenant.identity')}</legend>
        <TextField id={idOf('name')} label={labels.name!} value={values.name} onChange={set('name')} error={err('name')} autoComplete="organization" />
        <TextField
          id={idOf('registrationNumber')}
          label={labels.registrationNumber!}
          hint={t('tenant.registrationNumberHint')}
          value={values.registrationNumber}
          onChange={set('registrationNumber')}
          error={err('registrationNumber')}
          inputMode="numeric"
          maxLength={11}
          className="field-short"
        />
        <TextField
          id={idOf('vatNumber')}
          label={labels.vatNumber!}
          hint={t('tenant.vatNumberHint')}
          optional
          value={values.vatNumber}
          onChange={set('vatNumber')}
          error={err('vatNumber')}
          maxLength={13}
          className="field-short"
        />
        <TextField id={idOf('email')} label={labels.email!} optional type="email" value={values.email} onChange={set('email')} error={err('email')} autoComplete="email" />
        {editing && (
          <SelectField
            id={idOf('status')}
            label={labels.status!}
            hint={t('tenant.statusHint')}
            value={values.status}
            onChange={set('status')}
            error={err('status')}
            options={statusChoices(tenant.status).map((s) => ({ value: s, label: t(`tenantStatus.${s}`) }))}
            className="field-short"
          />
        )}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('tenant.address')}</legend>
        <p className="field-hint">{t('tenant.addressHint')}</p>
        <TextField id={idOf('address.street')} label={labels['address.street']!} optional value={values.street} onChange={set('street')} error={err('address.street')} autoComplete="street-address" />
        <div className="field-row">
          <TextField id={idOf('address.city')} label={labels['address.city']!} optional value={values.city} onChange={set('city')} error={err('address.city')} autoComplete="address-level2" />
          <TextField
            id={idOf('address.postalCode')}
            label={labels['address.postalCode']!}
            optional
            hint={t('tenant.postalCodeHint')}
            value={values.postalCode}
            onChange={set('postalCode')}
            error={err('address.postalCode')}
            autoComplete="postal-code"
            className="field-short"
          />
          <TextField
            id={idOf('address.country')}
            label={labels['address.country']!}
            optional
            hint={t('tenant.countryHint')}
            value={values.country}
            onChange={set('country')}
            error={err('address.country')}
            autoComplete="country"
            maxLength={2}
            className="field-tiny"
          />
        </div>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('tenant.peppol')}</legend>
        <p className="field-hint">{t('tenant.peppolHint')}</p>
        <div className="field-row">
          <SelectField
            id={idOf('peppolEndpoint.scheme')}
            label={labels['peppolEndpoint.scheme']!}
            value={values.peppolScheme}
            onChange={set('peppolScheme')}
            error={err('peppolEndpoint.scheme')}
            options={PEPPOL_SCHEMES.map((s) => ({ value: s, label: t(`tenant.peppolSchemes.${s}`) }))}
          />
          <TextField
            id={idOf('peppolEndpoint.id')}
            label={labels['peppolEndpoint.id']!}
            optional
            value={values.peppolId}
            onChange={set('peppolId')}
            error={err('peppolEndpoint.id')}
          />
        </div>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : editing ? t('common.save') : t('tenants.create')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

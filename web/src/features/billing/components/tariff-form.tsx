import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { useCreateTariff, type BillingResource, type Provider, type Tariff } from '../queries';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { DECIMAL } from '../money';
import { DATE } from '../../../validation';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';

interface Props {
  providers: Provider[];
  resources: BillingResource[];
  onAdded: (tariff: Tariff) => void;
}

const idOf = (field: string) => `tariff-${field}`;

/** Finance adds a tariff; one that starts later closes the open-ended tariff before it. */
export function TariffForm({ providers, resources, onAdded }: Props) {
  const { t } = useTranslation();
  const billable = resources.filter((r) => r.billable);
  const [provider, setProvider] = useState(providers[0]?.code ?? '');
  const [resource, setResource] = useState(billable[0]?.code ?? '');
  const [unitPrice, setUnitPrice] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const create = useCreateTariff();
  const labels = { provider: t('billing.provider'), resource: t('billing.resource'), unitPrice: t('billing.unitPrice'), validFrom: t('billing.validFrom'), validTo: t('billing.validTo') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!provider) problems.push({ field: 'provider', message: t('validation.required') });
    if (!resource) problems.push({ field: 'resource', message: t('validation.required') });
    if (!DECIMAL.test(unitPrice.trim().replace(',', '.')) || (unitPrice.split(/[.,]/)[1]?.length ?? 0) > 6) problems.push({ field: 'unitPrice', message: t('billing.priceInvalid') });
    if (!DATE.test(validFrom)) problems.push({ field: 'validFrom', message: t('validation.date') });
    if (validTo && (!DATE.test(validTo) || validTo <= validFrom)) problems.push({ field: 'validTo', message: t('billing.validToAfter') });
    if (form.fromList(problems)) return;
    setBusy(true);
    try {
      const added = await create.mutateAsync({ provider, resource, unitPrice: unitPrice.trim().replace(',', '.'), currency: 'EUR', validFrom, ...(validTo && { validTo }) });
      setUnitPrice('');
      setValidFrom('');
      setValidTo('');
      form.clear();
      onAdded(added);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="tariff-form-title">
      <h2 id="tariff-form-title">{t('billing.addTariff')}</h2>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <div className="field-row">
        <SelectField id={idOf('provider')} label={labels.provider} value={provider} onChange={(e) => setProvider(e.target.value)} error={err('provider')} options={providers.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))} />
        <SelectField id={idOf('resource')} label={labels.resource} value={resource} onChange={(e) => setResource(e.target.value)} error={err('resource')} options={billable.map((r) => ({ value: r.code, label: `${r.name} (${r.unit})` }))} />
      </div>
      <TextField id={idOf('unitPrice')} label={labels.unitPrice} hint={t('billing.unitPriceHint')} inputMode="decimal" value={unitPrice} onChange={(e) => setUnitPrice(e.target.value)} error={err('unitPrice')} className="field-short" />
      <div className="field-row">
        <TextField id={idOf('validFrom')} label={labels.validFrom} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} error={err('validFrom')} className="field-short" />
        <TextField id={idOf('validTo')} label={labels.validTo} optional hint={t('billing.validToHint')} type="date" value={validTo} onChange={(e) => setValidTo(e.target.value)} error={err('validTo')} className="field-short" />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.working') : t('billing.addTariff')}
        </button>
      </div>
    </form>
  );
}

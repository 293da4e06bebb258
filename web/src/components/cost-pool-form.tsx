import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../api';
import { billingApi } from '../billing-api';
import { DRIVERS, type CostPool, type Driver } from '../billing-types';
import { useFormErrors } from '../hooks/use-form-errors';
import { fieldMessage } from '../messages';
import { MONTH } from '../money';
import { ErrorSummary } from './error-summary';
import { SelectField, TextAreaField, TextField } from './fields';

interface Props {
  month: string;
  onAdded: (pool: CostPool) => void;
}

const idOf = (field: string) => `pool-${field}`;
const AMOUNT = /^\d+([.,]\d{1,2})?$/;

/** Finance adds a month's administration cost pool and how it is split. */
export function CostPoolForm({ month: initialMonth, onAdded }: Props) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(initialMonth);
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [driver, setDriver] = useState<Driver>('active_users');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const labels = { month: t('billing.month'), amount: t('billing.amount'), description: t('billing.description'), driver: t('billing.driver') };
  const err = (field: string) => {
    const text = form.errors.fields[field];
    return text ? fieldMessage(t, text, form.errors.local) : null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!MONTH.test(month)) problems.push({ field: 'month', message: t('billing.monthInvalid') });
    if (!AMOUNT.test(amount.trim())) problems.push({ field: 'amount', message: t('billing.amountInvalid') });
    if (!description.trim()) problems.push({ field: 'description', message: t('validation.required') });
    if (form.fromList(problems)) return;
    setBusy(true);
    try {
      const added = await billingApi.costPools.create({ month, amount: amount.trim().replace(',', '.'), currency: 'EUR', description: description.trim(), driver });
      setAmount('');
      setDescription('');
      form.clear();
      onAdded(added);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="pool-form-title">
      <h2 id="pool-form-title">{t('billing.addPool')}</h2>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <div className="field-row">
        <TextField id={idOf('month')} label={labels.month} type="month" hint={t('billing.monthHint')} value={month} onChange={(e) => setMonth(e.target.value)} error={err('month')} className="field-short" />
        <TextField id={idOf('amount')} label={labels.amount} hint={t('billing.amountHint')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={err('amount')} className="field-short" />
      </div>
      <TextAreaField id={idOf('description')} label={labels.description} value={description} onChange={(e) => setDescription(e.target.value)} error={err('description')} maxLength={500} />
      <SelectField
        id={idOf('driver')}
        label={labels.driver}
        hint={t(`billing.driverHint.${driver}`)}
        value={driver}
        onChange={(e) => setDriver(e.target.value as Driver)}
        error={err('driver')}
        options={DRIVERS.map((d) => ({ value: d, label: t(`billing.drivers.${d}`) }))}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.working') : t('billing.addPool')}
        </button>
      </div>
    </form>
  );
}

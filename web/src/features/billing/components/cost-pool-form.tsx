import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { DRIVERS, useCreateCostPool, useUpdateCostPool, type CostPool, type Driver, type SavedCostPool } from '../queries';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { MONTH } from '../money';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';

interface Props {
  month: string;
  /** The pool being corrected; its month stays as it is. Null: a new pool. */
  editing?: CostPool | null;
  onAdded: (pool: CostPool) => void;
  onSaved?: (pool: SavedCostPool) => void;
  onCancel?: () => void;
}

const idOf = (field: string) => `pool-${field}`;
const AMOUNT = /^\d+([.,]\d{1,2})?$/;

/** Finance adds a month's administration cost pool and how it is split, or corrects one. */
export function CostPoolForm({ month: initialMonth, editing = null, onAdded, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(editing?.month ?? initialMonth);
  const [amount, setAmount] = useState(editing?.amount ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [descriptionEn, setDescriptionEn] = useState(editing?.descriptionEn ?? '');
  const [driver, setDriver] = useState<Driver>(editing?.driver ?? 'active_users');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const create = useCreateCostPool();
  const update = useUpdateCostPool();
  const labels = { month: t('billing.month'), amount: t('billing.amount'), description: t('billing.description'), descriptionEn: t('billing.descriptionEn'), driver: t('billing.driver') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!MONTH.test(month)) problems.push({ field: 'month', message: t('billing.monthInvalid') });
    if (!AMOUNT.test(amount.trim())) problems.push({ field: 'amount', message: t('billing.amountInvalid') });
    if (!description.trim()) problems.push({ field: 'description', message: t('validation.required') });
    if (form.fromList(problems)) return;
    setBusy(true);
    try {
      const fields = { amount: amount.trim().replace(',', '.'), description: description.trim(), descriptionEn: descriptionEn.trim() || null, driver };
      if (editing) {
        const saved = await update.mutateAsync({ poolId: editing.id, changes: fields });
        form.clear();
        onSaved?.(saved);
        return;
      }
      const added = await create.mutateAsync({ month, currency: 'EUR', ...fields });
      setAmount('');
      setDescription('');
      setDescriptionEn('');
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
      <h2 id="pool-form-title">{editing ? t('billing.editPool', { description: editing.description, month: editing.month }) : t('billing.addPool')}</h2>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <div className="field-row">
        <TextField id={idOf('month')} label={labels.month} type="month" hint={editing ? t('billing.poolMonthFixed') : t('billing.monthHint')} value={month} onChange={(e) => setMonth(e.target.value)} error={err('month')} className="field-short" disabled={editing !== null} />
        <TextField id={idOf('amount')} label={labels.amount} hint={t('billing.amountHint')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={err('amount')} className="field-short" />
      </div>
      <TextAreaField id={idOf('description')} label={labels.description} value={description} onChange={(e) => setDescription(e.target.value)} error={err('description')} maxLength={500} />
      <TextField id={idOf('descriptionEn')} label={labels.descriptionEn} hint={t('billing.descriptionEnHint')} lang="en" value={descriptionEn} onChange={(e) => setDescriptionEn(e.target.value)} error={err('descriptionEn')} maxLength={500} optional />
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
          {busy ? t('common.working') : editing ? t('common.save') : t('billing.addPool')}
        </button>
        {editing && (
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

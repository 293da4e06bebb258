import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateBillingRun, type Run } from '../queries';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { lastEndedMonth, MONTH } from '../money';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';

const idOf = (field: string) => `run-${field}`;

/** Finance computes a draft run for a month that has ended. */
export function BillingRunCreate({ onCreated }: { onCreated: (run: Run) => void }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(lastEndedMonth);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const create = useCreateBillingRun();
  const labels = { month: t('billing.month') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.fromList(MONTH.test(month) ? [] : [{ field: 'month', message: t('billing.monthInvalid') }])) return;
    setBusy(true);
    try {
      onCreated(await create.mutateAsync(month));
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="run-form-title">
      <h2 id="run-form-title">{t('billing.createRun')}</h2>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <TextField id={idOf('month')} label={labels.month} type="month" hint={t('billing.runMonthHint')} value={month} onChange={(e) => setMonth(e.target.value)} error={err('month')} className="field-short" />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.working') : t('billing.createRun')}
        </button>
      </div>
    </form>
  );
}

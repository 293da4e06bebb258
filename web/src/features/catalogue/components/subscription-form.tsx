import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { todayIn } from '../../../business-minutes';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { localName } from '../../../local-name';
import { useCreateSubscription, type CatalogueService, type Subscription, type SubscriptionMode } from '../queries';

const SUBSCRIPTION_MODES: readonly SubscriptionMode[] = ['shared', 'own_instance'];
import { DATE } from '../../../validation';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';

interface Props {
  tenantId: string;
  services: CatalogueService[];
  onAdded: (subscription: Subscription) => void;
}

const idOf = (field: string) => (field === 'mode' ? 'subscription-mode-shared' : `subscription-${field}`);

/** An operator records that the municipality starts using a service, shared or as its own instance. */
export function SubscriptionForm({ tenantId, services, onAdded }: Props) {
  const { t } = useTranslation();
  const [serviceId, setServiceId] = useState('');
  const [mode, setMode] = useState<SubscriptionMode>('shared');
  const [from, setFrom] = useState(todayIn());
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const create = useCreateSubscription(tenantId);
  const labels = { serviceId: t('subscriptions.service'), mode: t('subscriptions.mode'), from: t('subscriptions.from'), to: t('subscriptions.to') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!serviceId) problems.push({ field: 'serviceId', message: t('validation.chooseOneService') });
    if (!DATE.test(from)) problems.push({ field: 'from', message: t('validation.date') });
    if (to && !DATE.test(to)) problems.push({ field: 'to', message: t('validation.date') });
    else if (to && DATE.test(from) && to < from) problems.push({ field: 'to', message: t('validation.toBeforeFrom') });
    if (form.fromList(problems)) return;
    setBusy(true);
    try {
      const added = await create.mutateAsync({ serviceId, mode, from, to: to || null });
      setServiceId('');
      setTo('');
      form.clear();
      onAdded(added);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const options = [...services].sort((a, b) => localName(a.name).localeCompare(localName(b.name), 'lv')).map((s) => ({ value: s.id, label: `${localName(s.name)} (${s.code})` }));
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="subscription-form-title">
      <h3 id="subscription-form-title">{t('subscriptions.add')}</h3>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <SelectField id={idOf('serviceId')} label={labels.serviceId} value={serviceId} onChange={(e) => setServiceId(e.target.value)} error={err('serviceId')} options={[{ value: '', label: t('subscriptions.chooseService') }, ...options]} />
      <fieldset className="fieldset fieldset-plain">
        <legend className="field-label">{labels.mode}</legend>
        {SUBSCRIPTION_MODES.map((m) => (
          <div key={m} className="field-radio">
            <input id={`subscription-mode-${m}`} type="radio" name="subscription-mode" value={m} checked={mode === m} onChange={() => setMode(m)} aria-describedby={`subscription-mode-${m}-hint`} />
            <div>
              <label htmlFor={`subscription-mode-${m}`}>{t(`subscriptionMode.${m}`)}</label>
              <p id={`subscription-mode-${m}-hint`} className="field-hint">
                {t(`subscriptions.modeHint.${m}`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="field-row">
        <TextField id={idOf('from')} label={labels.from} type="date" className="field-short" value={from} onChange={(e) => setFrom(e.target.value)} error={err('from')} />
        <TextField id={idOf('to')} label={labels.to} type="date" optional className="field-short" hint={t('subscriptions.toHint')} value={to} onChange={(e) => setTo(e.target.value)} error={err('to')} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('subscriptions.submit')}
        </button>
      </div>
    </form>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { useEndSubscription, type Subscription } from '../queries';
import { formatDate } from '../../../format';
import { describeProblem, fieldMessage, type Text } from '../../../messages';
import { DATE } from '../../../validation';
import { TextField } from '../../../components/fields';

interface Props {
  tenantId: string;
  subscription: Subscription;
  serviceName: string;
  onChanged: (subscription: Subscription) => void;
}

/** In the services table (operators): sets or clears the last day a municipality uses a service; problems show beside the field. */
export function SubscriptionEnd({ tenantId, subscription: s, serviceName, onChanged }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState(s.to ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Text | null>(null);
  const end = useEndSubscription(tenantId);
  const toggle = useRef<HTMLButtonElement>(null);
  const fieldId = `subscription-end-${s.id}`;

  useEffect(() => {
    if (open) document.getElementById(fieldId)?.focus();
  }, [open, fieldId]);

  const close = () => {
    setOpen(false);
    setError(null);
    window.setTimeout(() => toggle.current?.focus(), 0);
  };

  const save = async (value: string | null) => {
    if (value !== null && !DATE.test(value)) return setError({ text: t('validation.date') });
    if (value !== null && value < s.from) return setError({ text: t('subscriptions.endBeforeStart', { from: formatDate(s.from) }) });
    setBusy(true);
    setError(null);
    try {
      const saved = await end.mutateAsync({ subscriptionId: s.id, to: value });
      setTo(saved.to ?? '');
      onChanged(saved);
      close();
    } catch (e) {
      const field = isApiError(e) ? e.errors.find((x) => x.field === 'to') : undefined;
      setError(field ? fieldMessage(t, field, false) : { text: describeProblem(t, e).summary });
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(to);
  };

  if (!open) {
    return (
      <>
        {s.to ? formatDate(s.to) : t('subscriptions.noEnd')}{' '}
        <button ref={toggle} type="button" className="button button-secondary button-small" onClick={() => setOpen(true)}>
          {t('subscriptions.changeEnd')}
          <span className="visually-hidden">: {serviceName}</span>
        </button>
      </>
    );
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-busy={busy} aria-label={t('subscriptions.endFormLabel', { name: serviceName })}>
      <TextField id={fieldId} label={t('subscriptions.lastDay')} hint={t('subscriptions.lastDayHint')} type="date" className="field-short" value={to} onChange={(e) => setTo(e.target.value)} error={error} />
      <div className="button-row">
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        {s.to !== null && (
          <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => void save(null)}>
            {t('subscriptions.clearEnd')}
          </button>
        )}
        <button type="button" className="button button-secondary button-small" disabled={busy} onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { startRegistration } from '@simplewebauthn/browser';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { accountCalls, type PasskeyAdded } from '../queries';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';

interface Props {
  onAdded: (result: PasskeyAdded) => void;
}

/** Registers a passkey (a phone, a laptop's fingerprint reader, a security key) under a name. */
export function PasskeyAdd({ onAdded }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const form = useFormErrors();
  const labels = { name: t('mfa.passkeyName'), response: t('mfa.passkeyTitle') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCancelled(false);
    if (form.fromList(name.trim() ? [] : [{ field: 'name', message: t('validation.required') }])) return;
    setBusy(true);
    try {
      const options = await accountCalls.passkeyOptions();
      const response = await startRegistration({ optionsJSON: options as never });
      // A plain copy: the browser's answer is an interface, the schema an open object.
      onAdded(await accountCalls.addPasskey(name.trim(), { ...response }));
      setName('');
    } catch (error) {
      if (isApiError(error)) form.fromError(error);
      else setCancelled(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={(f) => `passkey-${f}`} />
      {cancelled && (
        <p className="message message-info" role="status">
          {t('mfa.passkeyCancelled')}
        </p>
      )}
      <TextField
        id="passkey-name"
        label={labels.name}
        hint={t('mfa.passkeyNameHint')}
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.message('name')}
      />
      <button type="submit" className="button button-secondary" disabled={busy}>
        {busy ? t('common.working') : t('mfa.passkeyAdd')}
      </button>
    </form>
  );
}

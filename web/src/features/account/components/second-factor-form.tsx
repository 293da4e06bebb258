import { startAuthentication } from '@simplewebauthn/browser';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { describeProblem } from '../../../messages';
import type { SessionInfo } from '../queries';
import { sessionCalls, type SecondFactorMethod } from '../queries';
import { TextField } from '../../../components/fields';

interface Props {
  methods: SecondFactorMethod[];
  onSignedIn: (info: SessionInfo) => Promise<void>;
  onCancel: () => void;
}

/** The second step of signing in: a code from the app, a passkey, or a recovery code. */
export function SecondFactorForm({ methods, onSignedIn, onCancel }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'totp' | 'recovery'>(methods.includes('totp') ? 'totp' : 'recovery');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = mode === 'totp' ? 'mfa-code' : 'mfa-recovery';

  const explain = (error: unknown) => {
    if (isApiError(error) && error.status === 401) return mode === 'totp' ? t('mfa.wrongCode') : t('mfa.wrongRecovery');
    if (isApiError(error) && error.status === 429) return describeProblem(t, error).summary;
    return describeProblem(t, error).summary;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      setProblem(t('mfa.codeRequired'));
      document.getElementById(fieldId)?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onSignedIn(await sessionCalls.secondFactor({ method: mode, code: code.trim() }));
    } catch (error) {
      setCode('');
      setProblem(explain(error));
      setBusy(false);
    }
  };

  const usePasskey = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const options = await sessionCalls.passkeyOptions();
      const response = await startAuthentication({ optionsJSON: options as never });
      await onSignedIn(await sessionCalls.secondFactor({ method: 'webauthn', response: { ...response } }));
    } catch (error) {
      setProblem(isApiError(error) ? explain(error) : t('mfa.passkeyCancelled'));
      setBusy(false);
    }
  };

  return (
    <div className="card form">
      <h2>{t('mfa.stepTitle')}</h2>
      {problem && (
        <div className="message message-error" role="alert" id="mfa-problem">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">!</span>
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            {problem}
          </p>
        </div>
      )}
      {methods.includes('webauthn') && (
        <p>
          <button type="button" className="button button-primary" onClick={() => void usePasskey()} disabled={busy}>
            {t('mfa.usePasskey')}
          </button>
        </p>
      )}
      {(methods.includes('totp') || methods.includes('recovery')) && (
        <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
          <TextField
            key={mode}
            id={fieldId}
            label={mode === 'totp' ? t('mfa.codeLabel') : t('mfa.recoveryLabel')}
            hint={mode === 'totp' ? t('mfa.codeHint') : t('mfa.recoveryHint')}
            inputMode={mode === 'totp' ? 'numeric' : 'text'}
            autoComplete="one-time-code"
            autoFocus
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            describedByExtra={problem ? 'mfa-problem' : undefined}
          />
          <div className="button-row">
            <button type="submit" className={`button ${methods.includes('webauthn') ? 'button-secondary' : 'button-primary'}`} disabled={busy}>
              {busy ? t('login.submitting') : t('mfa.confirm')}
            </button>
          </div>
        </form>
      )}
      <div className="row-actions">
        {methods.includes('totp') && methods.includes('recovery') && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setMode(mode === 'totp' ? 'recovery' : 'totp');
              setCode('');
              setProblem(null);
            }}
          >
            {mode === 'totp' ? t('mfa.useRecovery') : t('mfa.useTotp')}
          </button>
        )}
        <button type="button" className="button button-secondary button-small" onClick={onCancel}>
          {t('mfa.startOver')}
        </button>
      </div>
    </div>
  );
}

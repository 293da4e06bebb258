import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import type { ChainVerification } from '../types';
import { ProblemMessage } from './problem-message';

/** Re-checks the audit log's hash chain on the server and says what it found. */
export function VerifyChain() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [error, setError] = useState<unknown>(null);

  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.audit.verify());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card verify" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
      <p>{t('audit.verifyIntro')}</p>
      <button type="button" className="button button-secondary" onClick={() => void verify()} disabled={busy} aria-busy={busy}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      <div aria-live="polite">
        {result?.ok && (
          <div className="message message-success">
            <p className="message-title">
              <span className="message-icon" aria-hidden="true">✓</span>
              {t('audit.chainOk', { count: result.checked })}
            </p>
          </div>
        )}
        {result && !result.ok && (
          <div className="message message-error" role="alert">
            <p className="message-title">
              <span className="message-icon" aria-hidden="true">!</span>
              {t('audit.chainBroken', { count: result.problems.length, checked: result.checked })}
            </p>
            <ul>
              {result.problems.map((p) => (
                <li key={`${p.seq}-${p.problem}`}>
                  {t('audit.problemAt', { seq: p.seq })} <span lang="en">{p.problem}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {error !== null && <ProblemMessage error={error} />}
    </section>
  );
}

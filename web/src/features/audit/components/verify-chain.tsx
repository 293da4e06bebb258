import { useTranslation } from 'react-i18next';
import { useVerifyChain } from '../queries';
import { ProblemMessage } from '../../../components/problem-message';

/** Re-checks the audit log's hash chain on the server and says what it found. */
export function VerifyChain() {
  const { t } = useTranslation();
  const verification = useVerifyChain();
  const busy = verification.isPending;
  // A new check clears the last answer while it runs, as `mutate` resets the mutation.
  const result = verification.data ?? null;
  const error = verification.error;
  const verify = () => verification.mutate();

  return (
    <section className="card verify" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
      <p>{t('audit.verifyIntro')}</p>
      <button type="button" className="button button-secondary" onClick={verify} disabled={busy} aria-busy={busy}>
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
                  {t('audit.problemAt', { seq: p.seq })} {t(`audit.chainProblems.${p.problem}`)}
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

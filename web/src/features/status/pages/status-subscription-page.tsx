import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { isApiError } from '../../../api/problem';
import { PageHeading } from '../../../components/page-heading';
import { describeProblem } from '../../../messages';
import { confirmStatusSubscription, unsubscribeFromStatus } from '../queries';

/** What a mailed link asks: `#confirm=<token>` or `#unsubscribe=<token>`. */
function linkAction(hash: string): { kind: 'confirm' | 'unsubscribe'; token: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const confirm = params.get('confirm');
  const unsubscribe = params.get('unsubscribe');
  if (confirm && confirm.length >= 20) return { kind: 'confirm', token: confirm };
  if (unsubscribe && unsubscribe.length >= 20) return { kind: 'unsubscribe', token: unsubscribe };
  return null;
}

/**
 * Where the status notices' links lead. The token is after `#` (never in a server log), and the
 * reader presses the button: a mail scanner that opens the link changes nothing.
 */
export function StatusSubscriptionPage() {
  const { t } = useTranslation();
  const action = linkAction(useLocation().hash);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(action ? null : t('statusSubscription.invalid'));
  const [done, setDone] = useState<string | null>(null);

  const run = async () => {
    if (!action) return;
    setBusy(true);
    setProblem(null);
    try {
      if (action.kind === 'confirm') setDone(t('statusSubscription.confirmed', { email: (await confirmStatusSubscription(action.token)).email }));
      else {
        await unsubscribeFromStatus(action.token);
        setDone(t('statusSubscription.unsubscribed'));
      }
    } catch (error) {
      setProblem(isApiError(error) && error.status === 404 ? t('statusSubscription.invalid') : describeProblem(t, error).summary);
    } finally {
      setBusy(false);
    }
  };

  const title = action?.kind === 'unsubscribe' ? t('statusSubscription.unsubscribeTitle') : t('statusSubscription.confirmTitle');
  return (
    <div className="narrow">
      <PageHeading title={title}>
        {action && !done && <p className="lead">{action.kind === 'confirm' ? t('statusSubscription.confirmIntro') : t('statusSubscription.unsubscribeIntro')}</p>}
      </PageHeading>
      {problem && (
        <div className="message message-error" role="alert">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">!</span>
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            {problem}
          </p>
        </div>
      )}
      {done ? (
        <div className="message message-success" role="status">
          <p className="message-title">{done}</p>
        </div>
      ) : (
        action && (
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} aria-busy={busy} onClick={() => void run()}>
              {action.kind === 'confirm' ? t('statusSubscription.confirm') : t('statusSubscription.unsubscribe')}
            </button>
          </div>
        )
      )}
      <p>
        <Link to="/status">{t('statusSubscription.back')}</Link>
      </p>
    </div>
  );
}

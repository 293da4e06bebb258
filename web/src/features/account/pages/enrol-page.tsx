import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { PasskeyAdd } from '../components/passkey-add';
import { RecoveryCodes } from '../components/recovery-codes';
import { TotpSetup } from '../components/totp-setup';
import { useSession } from '../../../session';
import type { SessionInfo } from '../queries';
import type { PasskeyAdded, TotpConfirmed } from '../queries';

/**
 * Right after the password, for someone whose role requires a second factor and who has none:
 * set one up (an authenticator app or a passkey), keep the recovery codes, and only then go on.
 */
export function EnrolPage() {
  const { t } = useTranslation();
  const { status, pending, complete, logOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [done, setDone] = useState<{ codes: string[] | null; session: SessionInfo } | null>(null);

  if (status === 'loading') return <Loading label={t('session.checking')} />;
  if (!done && (status !== 'pending' || pending?.stage !== 'enrolment')) return <Navigate to={status === 'authenticated' ? from : '/login'} replace />;

  const enrolled = (result: TotpConfirmed | PasskeyAdded) => {
    const { user, csrfToken, permissions, readOnly } = result;
    if (!user || !csrfToken || !permissions || readOnly === undefined) return;
    setDone({ codes: result.recoveryCodes, session: { user, csrfToken, permissions, readOnly } });
  };
  const finish = async () => {
    if (!done) return;
    await complete(done.session);
    navigate(from, { replace: true });
  };

  if (done?.codes) {
    return (
      <div className="narrow">
        <PageHeading title={t('mfa.enrolDoneTitle')} />
        <RecoveryCodes codes={done.codes} onDone={() => void finish()} doneLabel={t('mfa.continue')} />
      </div>
    );
  }
  if (done) {
    void finish();
    return <Loading label={t('session.checking')} />;
  }

  return (
    <div className="narrow">
      <PageHeading title={t('mfa.enrolTitle')}>
        <p className="lead">{t('mfa.enrolIntro')}</p>
      </PageHeading>
      <div className="enrol-options">
        <section className="card" aria-labelledby="enrol-totp">
          <h2 id="enrol-totp">{t('mfa.totpTitle')}</h2>
          <TotpSetup onConfirmed={enrolled} />
        </section>
        <section className="card" aria-labelledby="enrol-passkey">
          <h2 id="enrol-passkey">{t('mfa.passkeyTitle')}</h2>
          <p>{t('mfa.passkeyExplain')}</p>
          <PasskeyAdd onAdded={enrolled} />
        </section>
      </div>
      <p className="button-row">
        <button type="button" className="button button-secondary" onClick={() => void logOut().then(() => navigate('/login', { replace: true }))}>
          {t('mfa.signOutInstead')}
        </button>
      </p>
    </div>
  );
}

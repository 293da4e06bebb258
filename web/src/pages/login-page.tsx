import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError, problemCode } from '../api/problem';
import { TextField } from '../components/fields';
import { Loading } from '../components/loading';
import { PageHeading } from '../components/page-heading';
import { SecondFactorForm } from '../features/account/components/second-factor-form';
import { ssoErrorKey } from '../features/sso/sso-errors';
import { SsoButtons } from '../features/sso/sso-buttons';
import { describeProblem } from '../messages';
import { useSession } from '../session';

interface LocationState {
  from?: string;
  passwordChanged?: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const { status, logIn, logOut, complete, pending, endReason } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [search] = useSearchParams();
  // A sign-in through a provider comes back here with `returnTo` (Kopa's own second factor still
  // to give) or `sso_error` (refused); both are read from the address, not trusted as a URL.
  const returnTo = search.get('returnTo');
  const locationState = (location.state ?? {}) as LocationState;
  const state: LocationState = { ...locationState, from: locationState.from ?? (returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : undefined) };
  const ssoError = search.get('sso_error');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

  if (status === 'authenticated' && !busy) return <Navigate to={state.from ?? '/'} replace />;
  if (status === 'pending' && pending?.stage === 'enrolment') return <Navigate to="/enrol" replace state={state} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errs = {
      ...(!email.trim() && { email: t('login.emailRequired') }),
      ...(!password && { password: t('login.passwordRequired') }),
    };
    setMissing(errs);
    if (errs.email || errs.password) {
      setProblem(t('login.fillBoth'));
      window.setTimeout(() => document.getElementById(errs.email ? 'login-email' : 'login-password')?.focus(), 0);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const next = await logIn(email.trim(), password);
      setPassword('');
      if (next?.stage === 'enrolment') navigate('/enrol', { replace: true, state });
      else if (!next) navigate(state.from ?? '/', { replace: true });
    } catch (error) {
      setPassword('');
      if (problemCode(error) === 'tenant_offboarded') setProblem(t('login.tenantOffboarded'));
      else if (isApiError(error) && error.status === 401) setProblem(t('login.wrongCredentials'));
      else if (isApiError(error) && error.status === 429) {
        setProblem(
          error.retryAfter ? t('login.throttledWait', { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) }) : t('login.throttled'),
        );
      } else setProblem(describeProblem(t, error).summary);
    } finally {
      setBusy(false);
    }
  };

  const notice = state.passwordChanged || endReason === 'passwordChanged' ? t('login.passwordChanged') : endReason === 'expired' ? t('login.expired') : endReason === 'tenantOffboarded' ? t('login.tenantOffboarded') : null;

  if (status === 'pending' && pending?.stage === 'second_factor') {
    return (
      <div className="narrow">
        <PageHeading title={t('login.title')}>
          <p className="lead">{t('mfa.stepIntro')}</p>
        </PageHeading>
        <SecondFactorForm
          methods={pending.methods}
          onSignedIn={async (info) => {
            await complete(info);
            navigate(state.from ?? '/', { replace: true });
          }}
          onCancel={() => void logOut()}
        />
      </div>
    );
  }

  return (
    <div className="narrow">
      <PageHeading title={t('login.title')}>
        <p className="lead">{t('login.intro')}</p>
      </PageHeading>
      {status === 'loading' && <Loading label={t('session.checking')} />}
      {notice && !problem && (
        <div className="message message-info" role="status">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">i</span>
            {notice}
          </p>
        </div>
      )}
      {ssoError && !problem && (
        <div className="message message-error" role="alert" id="sso-problem">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">!</span>
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            {t(ssoErrorKey(ssoError))}
          </p>
        </div>
      )}
      {problem && (
        <div className="message message-error" role="alert" id="login-problem">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">!</span>
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            {problem}
          </p>
        </div>
      )}
      <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <TextField
          id="login-email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={missing.email ? { text: missing.email } : null}
          describedByExtra={problem ? 'login-problem' : undefined}
          spellCheck={false}
        />
        <TextField
          id="login-password"
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={missing.password ? { text: missing.password } : null}
          describedByExtra={problem ? 'login-problem' : undefined}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <SsoButtons email={email} returnTo={state.from ?? '/'} />
      </form>
    </div>
  );
}

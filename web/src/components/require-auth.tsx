import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../session';
import { Loading } from './loading';
import { ProblemMessage } from './problem-message';

/** Pages behind sign-in: waits for the session, sends anonymous visitors to the login page. */
export function RequireAuth() {
  const { t } = useTranslation();
  const { status, retry, pending } = useSession();
  const location = useLocation();
  if (status === 'loading') {
    return (
      <div aria-busy="true">
        <Loading label={t('session.checking')} />
      </div>
    );
  }
  if (status === 'error') {
    document.title = `${t('session.unavailableTitle')} — ${t('app.name')}`;
    return (
      <>
        <h1 tabIndex={-1}>{t('session.unavailableTitle')}</h1>
        <ProblemMessage error={null} summary={t('session.unavailable')} onRetry={retry} />
      </>
    );
  }
  if (status === 'pending') {
    return <Navigate to={pending?.stage === 'enrolment' ? '/enrol' : '/login'} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}

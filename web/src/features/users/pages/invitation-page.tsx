import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { isApiError } from '../../../api/problem';
import { acceptInvitation } from '../queries';
import { TextField } from '../../../components/fields';
import { PageHeading } from '../../../components/page-heading';
import { describeProblem, fieldMessage } from '../../../messages';
import { MIN_PASSWORD_LENGTH } from '../../../validation';

/**
 * Where an e-mailed invitation leads: the invited person chooses a password and the account is
 * made. The link's secret is after `#`, so it never reaches a server log or a Referer header.
 */
export function InvitationPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const token = location.hash.replace(/^#/, '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(token.length < 20 ? t('invitation.invalid') : null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) {
      setFieldError(t('validation.passwordMin', { count: MIN_PASSWORD_LENGTH }));
      window.setTimeout(() => document.getElementById('invitation-password')?.focus(), 0);
      return;
    }
    setBusy(true);
    setFieldError(null);
    setProblem(null);
    try {
      setDone((await acceptInvitation(token, password)).email);
    } catch (error) {
      if (isApiError(error) && error.status === 404) setProblem(t('invitation.invalid'));
      else if (isApiError(error) && error.errors.some((e) => e.field === 'password')) {
        setFieldError(fieldMessage(t, error.errors.find((e) => e.field === 'password')!, false).text);
        window.setTimeout(() => document.getElementById('invitation-password')?.focus(), 0);
      } else setProblem(describeProblem(t, error).summary);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeading title={t('invitation.title')}>
        <p className="lead">{t('invitation.intro')}</p>
      </PageHeading>
      {problem && (
        <div className="message message-error" role="alert" id="invitation-problem">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">!</span>
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            {problem}
          </p>
        </div>
      )}
      {done ? (
        <div className="message message-success" role="status">
          <p className="message-title">{t('invitation.done', { email: done })}</p>
          <p>
            <Link to="/login">{t('invitation.logIn')}</Link>
          </p>
        </div>
      ) : (
        token.length >= 20 && (
          <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
            <TextField
              id="invitation-password"
              label={t('invitation.password')}
              type="password"
              autoComplete="new-password"
              hint={t('invitation.passwordHint', { count: MIN_PASSWORD_LENGTH })}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={fieldError ? { text: fieldError } : null}
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('invitation.submitting') : t('invitation.submit')}
            </button>
          </form>
        )
      )}
    </div>
  );
}

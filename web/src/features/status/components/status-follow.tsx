import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/problem';
import { SelectField, TextField } from '../../../components/fields';
import { describeProblem, fieldMessage } from '../../../messages';
import { STATUS_FEED_URL, subscribeToStatus } from '../queries';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Follow by e-mail" and the Atom feed. After sending, the page says the same thing for every
 * address, as the server does: whether it already follows is nobody's business.
 */
export function StatusFollow() {
  const { t, i18n } = useTranslation();
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<'lv' | 'en'>(i18n.language === 'en' ? 'en' : 'lv');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setSentTo(null);
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setFieldError(t(address ? 'validation.email' : 'validation.required'));
      window.setTimeout(() => document.getElementById('status-follow-email')?.focus(), 0);
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await subscribeToStatus({ email: address, language });
      setSentTo(address);
      setEmail('');
    } catch (error) {
      const emailError = isApiError(error) ? error.errors.find((e) => e.field === 'email') : undefined;
      if (emailError) setFieldError(fieldMessage(t, emailError, false).text);
      else setProblem(describeProblem(t, error).summary);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="status-follow-title">
      <h2 id="status-follow-title">{t('statusFollow.title')}</h2>
      <p>{t('statusFollow.intro')}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <TextField id="status-follow-email" label={t('statusFollow.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError ? { text: fieldError } : null} />
        <SelectField
          id="status-follow-language"
          label={t('statusFollow.language')}
          className="field-short"
          value={language}
          onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'lv')}
          options={[
            { value: 'lv', label: 'Latviešu' },
            { value: 'en', label: 'English' },
          ]}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('statusFollow.sending') : t('statusFollow.submit')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {sentTo && (
          <div className="message message-success" role="status">
            <p className="message-title">{t('statusFollow.sent', { email: sentTo })}</p>
          </div>
        )}
      </div>
      {problem && (
        <div className="message message-error" role="alert">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">!</span>
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            {problem}
          </p>
        </div>
      )}
      <p>
        <a href={STATUS_FEED_URL} type="application/atom+xml">
          {t('statusFollow.feed')}
        </a>{' '}
        <span className="muted">{t('statusFollow.feedHint')}</span>
      </p>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES } from '../../../i18n';
import { useSession, useUser } from '../../../session';
import { sessionCalls, type Locale } from '../queries';
import { ProblemMessage } from '../../../components/problem-message';

/** The account's language, saved on the server and applied here at once. */
export function LocaleForm() {
  const { t } = useTranslation();
  const user = useUser();
  const { apply } = useSession();
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const info = await sessionCalls.setLocale(locale);
      apply(info);
      await changeLanguage(locale);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-busy={busy}>
      {error !== null && <ProblemMessage error={error} />}
      <fieldset className="fieldset fieldset-plain">
        <legend>{t('account.language')}</legend>
        <p className="field-hint">{t('account.languageHint')}</p>
        {LANGUAGES.map((lng) => (
          <div className="field-radio" key={lng}>
            <input type="radio" id={`account-locale-${lng}`} name="locale" value={lng} checked={locale === lng} onChange={() => setLocale(lng)} />
            <label htmlFor={`account-locale-${lng}`} lang={lng}>
              {t(`language.name.${lng}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <p role="status" className="status-line">
        {saved && t('account.languageSaved')}
      </p>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('account.saveLanguage')}
      </button>
    </form>
  );
}

import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES } from '../i18n';

/** Two buttons, each named in its own language; the current one is pressed. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <div role="group" aria-label={t('language.switch')} className="language-switch">
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="language-button"
          aria-pressed={current === lng}
          onClick={() => void changeLanguage(lng)}
        >
          <span aria-hidden="true">{lng.toUpperCase()}</span>
          <span className="visually-hidden">{t(`language.name.${lng}`, { lng })}</span>
        </button>
      ))}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES } from '../i18n';

/**
 * Two buttons, each named in its own language; the current one is pressed. The names come from
 * the language shown (each catalogue holds both names as their speakers write them): only that
 * language's messages are loaded (ADR 0026).
 */
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
          <span className="visually-hidden">{t(`language.name.${lng}`)}</span>
        </button>
      ))}
    </div>
  );
}

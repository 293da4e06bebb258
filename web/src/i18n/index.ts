import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../features/account/queries';
import en from './en.json';
import lv from './lv.json';

export const LANGUAGES: readonly Locale[] = ['lv', 'en'];
const STORAGE_KEY = 'kopa.language';

function isLocale(value: unknown): value is Locale {
  return value === 'lv' || value === 'en';
}

function readStored(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** Whether the person picked a language on this device (it then wins over the account setting). */
export function hasStoredLanguage(): boolean {
  return readStored() !== null;
}

export function currentLanguage(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'lv';
}

/** Switches the UI language, remembers it on this device and sets <html lang>. */
export async function changeLanguage(locale: Locale, remember = true): Promise<void> {
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // storage may be disabled; the choice then lasts for this page only
    }
  }
  await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = isLocale(lng) ? lng : 'lv';
});

void i18n.use(initReactI18next).init({
  resources: { lv: { translation: lv }, en: { translation: en } },
  lng: readStored() ?? 'lv',
  fallbackLng: 'lv',
  supportedLngs: ['lv', 'en'],
  initAsync: false,
  interpolation: { escapeValue: false },
});
document.documentElement.lang = currentLanguage();

export { i18n };

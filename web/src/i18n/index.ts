import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../features/account/queries';

/**
 * Each language's messages are a chunk of their own (~130 kB each), loaded when the language is
 * first used: a visit loads only the language it is shown in (ADR 0026).
 */
const CATALOGUES: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  lv: () => import('./lv.json'),
  en: () => import('./en.json'),
};
const loading = new Map<Locale, Promise<void>>();

/** Loads a language's messages once; the same promise for every caller. */
function loadLanguage(locale: Locale): Promise<void> {
  let done = loading.get(locale);
  if (!done) {
    done = CATALOGUES[locale]().then((module) => void i18n.addResourceBundle(locale, 'translation', module.default, true, true));
    // A failed load (a network hiccup) may be tried again by the next switch.
    done.catch(() => loading.delete(locale));
    loading.set(locale, done);
  }
  return done;
}

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

/**
 * Switches the UI language, remembers it on this device and sets <html lang>. The language's
 * messages are loaded first, so the page never shows their keys meanwhile.
 */
export async function changeLanguage(locale: Locale, remember = true): Promise<void> {
  await loadLanguage(locale);
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

const initial = readStored() ?? 'lv';
void i18n.use(initReactI18next).init({
  // The messages are added as they load; no fallback language, so only the chosen one is loaded
  // (both catalogues hold every key: test/integration/message-catalogues.test.ts).
  resources: {},
  partialBundledLanguages: true,
  lng: initial,
  fallbackLng: false,
  supportedLngs: ['lv', 'en'],
  initAsync: false,
  interpolation: { escapeValue: false },
});
document.documentElement.lang = currentLanguage();

/** Settles once the first language's messages are in: the app is rendered after it (main.tsx). */
// Switching to it once its messages are in sets the resolved language (and <html lang>), which
// i18next leaves unset while a language has no messages.
export const languageReady: Promise<void> = loadLanguage(initial).then(async () => void (await i18n.changeLanguage(initial)));

export { i18n };

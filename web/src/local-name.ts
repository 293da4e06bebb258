import type { currentLanguage } from './i18n';

type Locale = ReturnType<typeof currentLanguage>;

/** An operator-entered name in the reader's language: the English variant when set and wanted, else the Latvian. */
export function localName(lv: string, en: string | null | undefined, language: Locale): string {
  return language === 'en' && en ? en : lv;
}

/** The `lang` of what localName returned, so screen readers pronounce it right. */
export function localNameLang(en: string | null | undefined, language: Locale): Locale {
  return language === 'en' && en ? 'en' : 'lv';
}

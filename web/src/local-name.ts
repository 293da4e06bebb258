import { currentLanguage } from './i18n';

type Locale = ReturnType<typeof currentLanguage>;

/** An operator-entered name with its optional English variant (services, resources, cost pools). */
export interface LocalName {
  lv: string;
  en?: string | null | undefined;
}

/** The name in the reader's language: the English variant when set and wanted, else the Latvian. */
export function localName(name: LocalName, language: Locale = currentLanguage()): string {
  return (language === 'en' && name.en) || name.lv;
}

/** The `lang` of what localName returned, so screen readers pronounce it right. */
export function localNameLang(name: LocalName, language: Locale = currentLanguage()): Locale {
  return language === 'en' && name.en ? 'en' : 'lv';
}

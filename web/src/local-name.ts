import { localName as nameIn, type LocalName } from '../../src/domain/locale';
import { currentLanguage } from './i18n';

type Locale = ReturnType<typeof currentLanguage>;

export type { LocalName };

/** An operator-entered name in the UI's language (the rule in src/domain/locale.ts, which the PDFs use too). */
export function localName(name: LocalName, language: Locale = currentLanguage()): string {
  return nameIn(name, language);
}

/** The `lang` of what localName returned, so screen readers pronounce it right. */
export function localNameLang(name: LocalName, language: Locale = currentLanguage()): Locale {
  return nameIn(name, language) === name.lv ? 'lv' : 'en';
}

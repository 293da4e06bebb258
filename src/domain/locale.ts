/**
 * The two languages Kopa writes in, and how each writes numbers and dates. Pure, so that the web
 * UI and the server's PDFs print the same figures the same way.
 */
export const LANGUAGES = ['lv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'lv';

/** BCP 47 tag for PDF metadata and `lang` attributes. */
export const LANGUAGE_TAGS: Record<Language, string> = { lv: 'lv-LV', en: 'en-GB' };

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

const GROUP: Record<Language, { thousands: string; point: string }> = {
  // Latvian groups thousands with a space that never breaks a figure across lines.
  lv: { thousands: '\u00a0', point: ',' },
  en: { thousands: ',', point: '.' },
};

/**
 * An exact decimal string ("1234567.5", "-12") written in a language's way: "1 234 567,5" or
 * "1,234,567.5". Text only: the digits are neither rounded nor changed, so prices keep their six
 * decimals and money its two.
 */
export function formatNumber(text: string, language: Language): string {
  const { thousands, point } = GROUP[language];
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return `${negative ? '-' : ''}${grouped}${fraction ? `${point}${fraction}` : ''}`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A local date `YYYY-MM-DD`: "02.11.2026." in Latvian, "2 November 2026" in English. */
export function formatDate(date: string, language: Language): string {
  const [year, month, day] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
  return language === 'lv' ? `${day}.${month}.${year}.` : `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}`;
}

/** An operator-entered name with its optional English variant (services, resources, cost pools). */
export interface LocalName {
  lv: string;
  en?: string | null | undefined;
}

/** The name in a language: the English variant when set and English is wanted, else the Latvian. */
export function localName(name: LocalName, language: Language): string {
  return (language === 'en' && name.en) || name.lv;
}

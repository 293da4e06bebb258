import type { Language } from '../locale.js';

/**
 * UN/ECE Recommendation 20 unit codes written as a person reads them. The UBL file keeps the code
 * (a machine reads it); the PDF writes the word. Closed: a code not listed here is printed as it is,
 * so a new catalogue unit never breaks an invoice, it only waits for its word here.
 */
const UNIT_WORDS: Readonly<Record<string, Record<Language, string>>> = {
  HUR: { lv: 'st.', en: 'h' },
  MIN: { lv: 'min', en: 'min' },
  DAY: { lv: 'd.', en: 'days' },
  MON: { lv: 'mēn.', en: 'months' },
  ANN: { lv: 'g.', en: 'years' },
  C62: { lv: 'gab.', en: 'pcs' },
  H87: { lv: 'gab.', en: 'pcs' },
  IE: { lv: 'pers.', en: 'persons' },
  E34: { lv: 'GB', en: 'GB' },
  E35: { lv: 'TB', en: 'TB' },
  '4L': { lv: 'MB', en: 'MB' },
  KWH: { lv: 'kWh', en: 'kWh' },
};

/** The unit's word in the language, or the code itself when Kopa has no word for it. */
export function unitWord(unitCode: string, language: Language): string {
  return UNIT_WORDS[unitCode]?.[language] ?? unitCode;
}

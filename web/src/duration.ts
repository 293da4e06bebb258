import type { TFunction } from 'i18next';
import { formatMinutes as writeMinutes } from '../../src/domain/figures';
import { currentLanguage } from './i18n';

/** Business minutes as "1 st. 25 min" / "1 h 25 min" — the rule the PDFs use (src/domain/figures.ts). */
export function formatMinutes(_t: TFunction, minutes: number, rounding: 'floor' | 'ceil' | 'round' = 'round'): string {
  return writeMinutes(Math.max(0, Math[rounding](minutes)), currentLanguage());
}

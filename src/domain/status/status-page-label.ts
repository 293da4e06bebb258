import type { Language } from '../locale.js';

/** The words of a notice's link to the public status page (mail button, chat action), in one place. */
export function statusPageLabel(language: Language): string {
  return language === 'lv' ? 'Statusa lapa' : 'Status page';
}

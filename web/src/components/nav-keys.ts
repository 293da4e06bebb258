/**
 * The optional arrow keys of the WAI-ARIA APG "disclosure navigation menu": the menu stays a list of
 * links and buttons (no role=menu), Tab works as anywhere; the arrows, Home and End only move focus
 * faster. Top-level items are the `.nav-top` elements (group buttons and the plain links beside
 * them); inside an open group's `.nav-list` they move between its links.
 */
const NEXT = new Set(['ArrowDown', 'ArrowRight']);
const PREVIOUS = new Set(['ArrowUp', 'ArrowLeft']);

/** Where focus goes for `key` pressed on `from` inside `nav`; null when the key is not the menu's. */
export function navKeyTarget(nav: HTMLElement, from: HTMLElement, key: string): HTMLElement | null {
  const list = from.closest('.nav-list');
  const row = list ? [...list.querySelectorAll<HTMLElement>('a')] : [...nav.querySelectorAll<HTMLElement>('.nav-top')];
  const at = row.indexOf(from);
  if (at < 0) return null;
  // A group button whose list is open: the next key steps into the list (the APG's Down on a button).
  if (!list && NEXT.has(key) && from.getAttribute('aria-expanded') === 'true') {
    const controlled = nav.querySelector<HTMLElement>(`#${from.getAttribute('aria-controls')} a`);
    if (controlled) return controlled;
  }
  if (NEXT.has(key)) return row[Math.min(at + 1, row.length - 1)]!;
  if (PREVIOUS.has(key)) return row[Math.max(at - 1, 0)]!;
  if (key === 'Home') return row[0]!;
  if (key === 'End') return row[row.length - 1]!;
  return null;
}

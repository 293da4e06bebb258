import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { hold, journeyWorld, logIn, quietNetwork } from './support.js';

const MONITORS = 12;

/**
 * Runs before the UI's scripts: a minimal React DevTools hook (React calls it in production builds
 * too) that, at each commit, finds the monitors table's rows and counts those rendered again. A
 * row's <tr> element is made anew (new props) only when the row component itself ran; when React
 * left the row alone, or only went through it to something inside (a badge, a link), its <tr>
 * keeps the props it had, so comparing each row's with the last commit's counts the rows' renders.
 */
const COUNT_ROW_RENDERS = `(() => {
  const last = new Map();
  const counter = { rendered: 0, commits: 0 };
  window.rowRenders = counter;
  const rowsOf = (fiber, out) => {
    for (let f = fiber; f; f = f.sibling) {
      const el = f.stateNode;
      if (f.type === 'tr' && el instanceof HTMLElement && el.parentElement?.tagName === 'TBODY' && el.closest('section[aria-labelledby="monitors-list-title"]')) out.set(el, f.memoizedProps);
      else if (f.child) rowsOf(f.child, out);
    }
    return out;
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject(renderer) { this.renderers.set(1, renderer); return 1; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      const rows = rowsOf(root.current, new Map());
      counter.commits++;
      for (const [el, props] of rows) if (last.has(el) && last.get(el) !== props) counter.rendered++;
      last.clear();
      for (const [el, props] of rows) last.set(el, props);
    },
  };
})();`;

const rowRenders = (page: Page) => page.evaluate(() => (window as unknown as { rowRenders: { rendered: number; commits: number } }).rowRenders);

/**
 * The monitors page renders its rows again only when what a row shows changed (ADR 0026): the
 * page's queries arrive one by one, and each used to render every row again.
 */
describe.runIf(runBrowserJourneys)('the monitors page renders a row again only when it changed', () => {
  const world = journeyWorld('pglite');

  it('renders a row again when its names, sparkline or language arrive, and no row when the counts do', async () => {
    const page = await world.open();
    await logIn(page, 'operators@rda.lv');
    await page.evaluate(async (count) => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken as string };
      const serviceId = (await (await fetch('/api/v1/services')).json()).items[0].id as string;
      const tenantId = (await (await fetch('/api/v1/tenants')).json()).items[0].id as string;
      for (let i = 1; i <= count; i++) {
        const response = await fetch('/api/v1/monitors', {
          method: 'POST',
          headers,
          body: JSON.stringify({ serviceId, tenantId: i === 1 ? tenantId : null, name: `Portāls ${String(i).padStart(2, '0')}`, type: 'http', target: `https://portals-${i}.example.lv/`, intervalSeconds: 60, locations: ['local'] }),
        });
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      }
    }, MONITORS);

    await page.addInitScript({ content: COUNT_ROW_RENDERS });
    const counts = await hold(page, '/api/v1/monitors/counts');
    const latency = await hold(page, '/api/v1/monitors/latency');
    const tenants = await hold(page, '/api/v1/tenants');
    await page.goto('/monitors');
    const rows = page.locator('section[aria-labelledby="monitors-list-title"] tbody tr');
    await expect.poll(() => rows.count()).toBe(MONITORS);
    // The services' names are in the rows (their query answered) before counting starts; the
    // sparklines' cells say "…" until their held request is let through.
    await expect.poll(() => rows.first().locator('td').first().innerText()).not.toBe('…');
    const hook = await rowRenders(page);
    expect(hook.commits, 'React committed through the hook').toBeGreaterThan(0);

    // The municipalities' names change the one own-instance row (the first), no other.
    const beforeTenants = (await rowRenders(page)).rendered;
    await tenants.release();
    await expect.poll(() => rows.first().locator('th').innerText()).not.toContain('…');
    expect((await rowRenders(page)).rendered - beforeTenants).toBe(1);

    // The counts change the sentence above the table, nothing in a row.
    const before = (await rowRenders(page)).rendered;
    await counts.release();
    await page.getByText(`Monitori: ${MONITORS} (ieslēgti`).waitFor();
    expect((await rowRenders(page)).rendered - before).toBe(0);

    // The sparklines change every row: each is rendered again, once.
    const beforeLatency = (await rowRenders(page)).rendered;
    await latency.release();
    await expect.poll(() => page.locator('section[aria-labelledby="monitors-list-title"] tbody .sparkline').count()).toBe(MONITORS);
    expect((await rowRenders(page)).rendered - beforeLatency).toBe(MONITORS);

    // A memoised row still follows the language: every row reads in English after the switch.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => rows.first().innerText()).toContain('every 60 s');
    await expect.poll(() => rows.last().innerText()).toContain('shared instance');
  });
});

/**
 * Runs before the UI's scripts: notes whether the pages' Suspense fallback (layout.tsx: a busy box
 * straight under <main> saying "Notiek ielāde…") was ever in the document. The session check's box
 * (require-auth.tsx) has the same place and says that the session is being checked.
 */
const WATCH_FOR_FALLBACK = `(() => {
  window.fallbackShown = false;
  new MutationObserver(() => {
    for (const box of document.querySelectorAll('main > div[aria-busy="true"]')) if (box.textContent.includes('Notiek ielāde')) window.fallbackShown = true;
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/**
 * A page whose code is in when React first shows it is drawn in that render: a lazy page that
 * suspended even so committed the loading fallback, and React held the page back up to 300 ms after
 * it (web/src/lazy-page.ts). A page opened by its address is first shown once its code is in
 * (web/src/main.tsx): the session's answer, asked by web/src/early.ts, often comes first.
 */
describe.runIf(runBrowserJourneys)('a page opened by its address, its code loaded during the session check', () => {
  const world = journeyWorld('pglite');
  const fallbackShown = (page: Page) => page.evaluate(() => (window as unknown as { fallbackShown: boolean }).fallbackShown);

  it('is drawn without the loading fallback', async () => {
    const page = await world.open();
    await logIn(page, 'operators@rda.lv');
    await page.addInitScript({ content: WATCH_FOR_FALLBACK });
    // The session's answer waits until the page's code (started by startPageAt) has arrived.
    const session = await hold(page, '/api/v1/session');
    const pageCode = page.waitForResponse((response) => /\/assets\/monitors-page-[\w-]+\.js$/.test(response.url()));
    await page.goto('/monitors', { waitUntil: 'commit' });
    await (await pageCode).finished();
    // Its chunks are asked for with it; once no download has ended for half a second they are in
    // and evaluated (a few milliseconds' work), and only the held session check is waiting.
    await quietNetwork(page);
    await session.release();
    await page.locator('#monitors-list-title').waitFor();
    expect(await fallbackShown(page)).toBe(false);
  });

  it('is drawn without the loading fallback when the session answers before its code has arrived', async () => {
    const page = await world.open();
    await logIn(page, 'operators@rda.lv');
    await page.addInitScript({ content: WATCH_FOR_FALLBACK });
    const code = await hold(page, /\/assets\/monitors-page-[\w-]+\.js$/);
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/session');
    await page.goto('/monitors', { waitUntil: 'commit' });
    await (await answered).finished();
    await quietNetwork(page);
    expect(await fallbackShown(page)).toBe(false);
    await code.release();
    await page.locator('#monitors-list-title').waitFor();
    expect(await fallbackShown(page)).toBe(false);
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { hold, journeyWorld, logIn, quietNetwork, signInOnThisPage } from './support.js';

/** Every API request the page sends from now on, as path and query. */
function apiRequestsOf(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) asked.push(`${url.pathname}${url.search}`);
  });
  return asked;
}

/** Every answer to a GET of an API path, as "status path". */
function apiAnswersOf(page: Page, path: string): string[] {
  const answers: string[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'GET' && new URL(response.url()).pathname === path) answers.push(`${response.status()} ${path}`);
  });
  return answers;
}

async function addMonitor(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { csrfToken } = await (await fetch('/api/v1/session')).json();
    const serviceId = (await (await fetch('/api/v1/services')).json()).items[0].id as string;
    const response = await fetch('/api/v1/monitors', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken as string },
      body: JSON.stringify({ serviceId, tenantId: null, name: 'Portāls', type: 'http', target: 'https://portals.example.lv/', intervalSeconds: 60, locations: ['local'] }),
    });
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  });
}

const rowsOf = (page: Page) => page.locator('section[aria-labelledby="monitors-list-title"] tbody tr');

/**
 * web/src/early.ts (ADR 0028): a page opened by its address asks who is signed in, and the
 * monitors page its first screen, before the app's own script has arrived; the app's first
 * identical requests take those answers instead of asking again.
 */
describe.runIf(runBrowserJourneys)('the first screen asked before the app’s code has arrived', () => {
  const world = journeyWorld('pglite');

  it('asks the session and the monitors page’s first screen while the app’s script is held, and each only once', async () => {
    const page = await world.open();
    await logIn(page, 'operators@rda.lv');
    await addMonitor(page);
    const asked = apiRequestsOf(page);
    const app = await hold(page, /^\/assets\/index-[\w-]+\.js$/);
    await page.goto('/monitors?sort=state', { waitUntil: 'commit' });
    // The list as the address sorts it, in the page's own page size; the small lists whole.
    const firstScreen = ['/api/v1/monitors/counts', '/api/v1/monitors?sort=state&limit=50', '/api/v1/services?limit=200', '/api/v1/session', '/api/v1/tenants?limit=200'];
    await expect.poll(() => [...asked].sort()).toEqual(firstScreen);

    await app.release();
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    await page.getByText('Monitori: 1 (ieslēgti').waitFor();
    await quietNetwork(page);
    // The page drew its first screen from those answers: not one of them was asked again.
    expect(asked.filter((request) => firstScreen.includes(request)).sort()).toEqual(firstScreen);
  });

  it('asks again what was answered more than 15 seconds before the app asked for it', async () => {
    const page = await world.open();
    await logIn(page, 'operators@rda.lv');
    await page.clock.install();
    const asked = apiRequestsOf(page);
    const app = await hold(page, /^\/assets\/index-[\w-]+\.js$/);
    await page.goto('/monitors', { waitUntil: 'commit' });
    await expect.poll(() => asked.filter((request) => request === '/api/v1/monitors/counts')).toHaveLength(1);
    await page.clock.fastForward(16_000);
    await app.release();
    await page.getByText(/Monitori: \d+ \(ieslēgti/).waitFor();
    await quietNetwork(page);
    expect(asked.filter((request) => request === '/api/v1/monitors/counts')).toHaveLength(2);
  });

  it('asks again, signed in, what it had asked before the visitor signed in', async () => {
    const page = await world.open();
    const answers = apiAnswersOf(page, '/api/v1/monitors');
    await page.goto('/monitors');
    await page.getByRole('heading', { name: 'Pieteikties', level: 1 }).waitFor();
    // Asked early, and refused: nobody was signed in.
    await expect.poll(() => answers).toEqual(['401 /api/v1/monitors']);

    // Signing in is a write: what was answered before it is forgotten, so the monitors page the
    // login leads back to asks the server again rather than taking the refusal.
    await signInOnThisPage(page, 'operators@rda.lv');
    await page.locator('#monitors-list-title').waitFor();
    await expect.poll(() => rowsOf(page).count()).toBeGreaterThan(0);
    expect(answers).toEqual(['401 /api/v1/monitors', '200 /api/v1/monitors']);
  });
});

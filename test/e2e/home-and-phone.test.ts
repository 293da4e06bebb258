import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runBrowserJourneys } from '../support/browser.js';
import type { BackendName } from '../support/database.js';
import { expectAccessible, journeyWorld, logIn } from './support.js';

// Issue 15: each role starts on a home page of its own and reaches its daily work in at most two
// clicks; every page fits a 390×844 phone without sideways scrolling, behind a menu button whose
// closed menu takes no space. KOPA_SCREENSHOTS=1 also writes each home page to docs/screenshots/.
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const SCREENSHOTS = process.env.KOPA_SCREENSHOTS === '1';
/** The pictures come from one database's run (both show the same demo). */
let photographing: BackendName | null = null;
const SHOTS_DIR = new URL('../../docs/screenshots/', import.meta.url);

const nav = (page: Page) => page.getByRole('navigation', { name: 'Galvenā navigācija' });

async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
}

/** The home page at `/`, checked for axe findings, and photographed at both sizes when asked. */
async function home(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Sākums', level: 1 }).waitFor();
  await settled(page);
  await expectAccessible(page, `${name} home`);
  expect(await nav(page).getByRole('link', { name: 'Sākums' }).getAttribute('aria-current')).toBe('page');
  if (!SCREENSHOTS || photographing !== 'pglite') return;
  mkdirSync(SHOTS_DIR, { recursive: true });
  for (const [size, viewport] of [['1366x768', DESKTOP], ['390x844', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: new URL(`home-${name}-${size}.png`, SHOTS_DIR).pathname });
  }
  await page.setViewportSize(DESKTOP);
}

/** How far the page scrolls sideways (what the sweep refuses), and the outermost elements that stick out. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    const width = root.clientWidth;
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return a !== document.body && a !== document.documentElement;
      return false;
    };
    const sticksOut = (e: Element | null) => !!e && e.getBoundingClientRect().right > width + 1 && !clipped(e);
    const out = [...document.querySelectorAll('body *')].filter((e) => sticksOut(e) && !sticksOut(e.parentElement));
    return { by: root.scrollWidth - width, culprits: out.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`) };
  });

/** A monitor whose last three checks failed (through the API, in the operator's session): it is down. */
async function failingMonitor(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { csrfToken } = await (await fetch('/api/v1/session')).json();
    const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken as string };
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const services = (await (await fetch('/api/v1/services')).json()).items;
    const monitor = await post('/monitors', { serviceId: services[0].id, name: 'Portāls — pieteikšanās', type: 'http', target: 'https://portals.example.lv/login', intervalSeconds: 60, locations: ['local'] });
    const now = Date.now();
    const results = [3, 2, 1].map((minutes) => ({ at: new Date(now - minutes * 60_000).toISOString(), ok: false, latencyMs: 5000, location: 'local' }));
    await post(`/monitors/${monitor.id}/results`, { results });
  });
}

// PGlite only: these pages read the same API the integration tier checks on both databases, and the
// sweep measures layout; on PostgreSQL they would add three minutes of CI for nothing new.
describe.runIf(runBrowserJourneys).each(['pglite'] as BackendName[])('home pages, the grouped menu and phones on %s', (backend) => {
  const world = journeyWorld(backend, { history: true });
  beforeAll(() => {
    photographing = backend;
  });

  async function signedIn(email: string, viewport = DESKTOP): Promise<Page> {
    const page = await world.open();
    await page.setViewportSize(viewport);
    await logIn(page, email);
    return page;
  }

  it('an operator sees what is down or unknown and why, and opens it in one click', async () => {
    const page = await signedIn('operators@rda.lv');
    await failingMonitor(page);
    await home(page, 'operator');
    const card = page.getByRole('region', { name: 'Nedarbojas vai nav zināms' });
    const down = card.getByRole('listitem').filter({ hasText: 'Portāls — pieteikšanās' });
    await down.getByText(/nedarbojas kopš \d/).waitFor();
    await down.getByRole('link', { name: 'Portāls — pieteikšanās' }).click();
    await page.getByRole('heading', { level: 1, name: 'Portāls — pieteikšanās' }).waitFor();
    // The menu marks the page and its group, in one row at 1366 px.
    expect(await nav(page).getByRole('button', { name: /Uzraudzība un SLA/ }).getAttribute('aria-current')).toBe('true');
    const navBox = await nav(page).boundingBox();
    expect(navBox!.height).toBeLessThan(60);
    await page.context().close();
  });

  it('a desk agent sees the tickets nearest their deadlines and opens one in one click', async () => {
    const page = await signedIn('dienests@rda.lv');
    await home(page, 'desk-agent');
    const card = page.getByRole('region', { name: 'Pieteikumu termiņi' });
    await card.getByText(/atvērt[si] pieteikum/).waitFor();
    const first = card.getByRole('listitem').first().getByRole('link');
    const title = (await first.innerText()).trim();
    await first.click();
    await page.getByRole('heading', { level: 1, name: title.replace(/^\S+\s/, '') }).waitFor();
    expect(await nav(page).getByRole('button', { name: /^Pieteikumi/ }).getAttribute('aria-current')).toBe('true');
    await page.context().close();
  });

  it('finance sees last month’s draft run and reaches it in one click', async () => {
    const page = await signedIn('finanses@rda.lv');
    await home(page, 'finance');
    const card = page.getByRole('region', { name: 'Mēneša noslēgums' });
    await card.getByRole('link', { name: /^Pārskatīt \d{4}-\d{2} melnrakstu$/ }).click();
    await page.waitForURL(/\/billing\/runs\/[^/]+$/);
    await settled(page);
    // The run's page (and the menu with it) shows once its code has loaded: the URL changes first.
    await expect.poll(() => nav(page).getByRole('button', { name: /Norēķini/ }).getAttribute('aria-current')).toBe('true');
    // The SLA reports not yet published, per municipality: each month one click from home.
    await page.goto('/');
    await settled(page);
    const reports = page.getByRole('region', { name: 'Pārskati publicēšanai' });
    await reports.getByText(/^Nepublicēti pārskati: \d+\.$/).waitFor();
    const cesis = reports.getByRole('listitem').filter({ hasText: 'Cēsu novada pašvaldība' });
    await cesis.getByRole('link', { name: /^Cēsu novada pašvaldība, \d{4}\. gada \p{L}+$/u }).first().click();
    await page.waitForURL(/\/municipalities\/[^/]+\/sla-reports\/\d{4}-\d{2}$/);
    await page.getByRole('heading', { level: 2, name: 'Publicēšana' }).waitFor();
    await page.context().close();
  });

  it('the menu answers the arrow keys, Home, End and Escape, and Tab still leaves a group', async () => {
    const page = await signedIn('operators@rda.lv');
    await page.goto('/');
    await settled(page);
    const focused = () => page.evaluate(() => document.activeElement?.textContent?.replace(/[▾▴]/g, '').trim());
    await nav(page).getByRole('link', { name: 'Sākums' }).focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Pieteikumi');
    await page.keyboard.press('End');
    expect(await focused()).toBe('Mans konts');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('Administrēšana');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('Sākums');
    const monitoring = nav(page).getByRole('button', { name: /Uzraudzība un SLA/ });
    await monitoring.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown'); // into the open group
    expect(await focused()).toBe('Pakalpojumu statuss');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('Pakalpojumi');
    await page.keyboard.press('End');
    expect(await focused()).toBe('SLA pārskats');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('Pakalpojumu statuss');
    await page.keyboard.press('Escape');
    expect(await monitoring.getAttribute('aria-expanded')).toBe('false');
    expect(await focused()).toBe('Uzraudzība un SLA');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Norēķini');
    await page.context().close();
  });

  it('a group opened while a page is arriving stays open; a page chosen after opening it closes it', async () => {
    const page = await signedIn('operators@rda.lv');
    await page.goto('/');
    await settled(page);
    const monitoring = nav(page).getByRole('button', { name: /Uzraudzība un SLA/ });
    // The address changes before the router renders the page (as when the login page hands over):
    // history moves without the router knowing, the group is opened, then the router catches up.
    await page.evaluate(() => window.history.pushState(null, '', '/account'));
    await monitoring.click();
    await page.evaluate(() => window.dispatchEvent(new PopStateEvent('popstate')));
    await page.getByRole('heading', { level: 1, name: 'Mans konts' }).waitFor();
    expect(await monitoring.getAttribute('aria-expanded')).toBe('true');
    // A page reached some other way after the group was opened closes it.
    await page.evaluate(() => window.history.pushState(null, '', '/'));
    await page.evaluate(() => window.dispatchEvent(new PopStateEvent('popstate')));
    await expect.poll(() => monitoring.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  it('an auditor sees the chain checked and the latest entries, and the log is one click away', async () => {
    const page = await signedIn('auditors@rda.lv');
    await home(page, 'auditor');
    await page.getByRole('region', { name: 'Audita ķēde' }).getByText(/Ķēde ir vesela: pārbaudīti \d+ ieraksti/).waitFor();
    expect(await page.getByRole('region', { name: 'Jaunākie audita ieraksti' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Viss audita žurnāls' }).click();
    await page.getByRole('heading', { name: 'Audita žurnāls', level: 1 }).waitFor();
    await page.context().close();
  });

  it('a municipality’s admin sees its services, open tickets and latest invoice; its report pages are marked in the menu', async () => {
    const page = await signedIn('admin@cesis.lv');
    await home(page, 'municipality-admin');
    const services = page.getByRole('region', { name: 'Jūsu pakalpojumi' });
    expect(await services.getByRole('listitem').count()).toBeGreaterThan(0);
    await page.getByRole('region', { name: 'Atvērtie pieteikumi' }).waitFor();
    await page.getByRole('region', { name: 'Jaunākais rēķins' }).getByRole('link', { name: /^Rēķins .+ \(PDF\)$/ }).waitFor();
    await page.getByRole('link', { name: 'Visi rēķini un izmaksas' }).click();
    await page.getByRole('heading', { level: 1, name: /Rēķini un izmaksas/ }).waitFor();
    expect(await nav(page).getByRole('link', { name: 'Rēķini un izmaksas', includeHidden: true }).getAttribute('aria-current')).toBe('page');
    // Item 9: the SLA and desk reports of their own municipality highlight their entries.
    const tenantId = await page.evaluate(async () => (await (await fetch('/api/v1/session')).json()).user.tenantId as string);
    for (const [path, entry, group] of [
      [`/municipalities/${tenantId}/sla-reports/2026-10`, 'SLA pārskats', /Uzraudzība un SLA/],
      [`/municipalities/${tenantId}/desk-report/2026-10`, 'Atbalsta pārskats', /^Pieteikumi/],
    ] as const) {
      await page.goto(path);
      await settled(page);
      expect(await nav(page).getByRole('link', { name: entry, includeHidden: true }).getAttribute('aria-current'), path).toBe('page');
      expect(await nav(page).getByRole('button', { name: group }).getAttribute('aria-current'), path).toBe('true');
    }
    // Item 7: at 1366 px the SLA table shows its last column without a sideways scroll of its own.
    await page.goto(`/municipalities/${tenantId}/sla-reports/2026-10`);
    await settled(page);
    const cut = await page.locator('.table-wrap:has(.sla-table)').first().evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth);
    expect(cut, 'the SLA table is cut at 1366 px').toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('on a phone the menu opens with its button, is used by keyboard, and closed takes no space', async () => {
    const page = await signedIn('operators@rda.lv', PHONE);
    await page.goto('/');
    await settled(page);
    const button = page.getByRole('button', { name: 'Izvēlne' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav(page).isVisible()).toBe(false);
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height, 'the header with the menu closed').toBeLessThanOrEqual(PHONE.height / 4);

    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('nav')?.id)).toBe('main-nav');
    await expectAccessible(page, 'phone menu open');
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Izvēlne');

    // Keyboard only: open the menu, the billing group, and an entry in it.
    await page.keyboard.press('Enter');
    await nav(page).getByRole('button', { name: /Norēķini/ }).focus();
    await page.keyboard.press('Enter');
    await nav(page).getByRole('link', { name: 'Rēķini', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Rēķini' }).waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await page.context().close();
  });

  it('no page scrolls sideways on a 390×844 phone', async () => {
    const sweep = async (email: string, paths: (ids: { tenantId: string; serviceId: string; monitorId: string | null; runId: string | null }) => string[]) => {
      const page = await signedIn(email, PHONE);
      const ids = await page.evaluate(async () => {
        const get = async (path: string) => {
          const answer = await fetch(`/api/v1${path}`);
          return answer.ok ? ((await answer.json()) as { items: { id: string; name?: string }[] }).items : [];
        };
        const tenants = await get('/tenants');
        const runs = await get('/billing-runs');
        const monitors = await get('/monitors');
        return {
          tenantId: (tenants.find((t) => t.name!.startsWith('Cēsu')) ?? tenants[0]!).id,
          serviceId: (await get('/services'))[0]!.id,
          monitorId: monitors[0]?.id ?? null,
          runId: runs[0]?.id ?? null,
        };
      });
      const wide: string[] = [];
      for (const path of paths(ids)) {
        await page.goto(path);
        await settled(page);
        const overflow = await sidewaysOverflow(page);
        if (overflow.by > 0) wide.push(`${email} ${path} (${overflow.by} px: ${overflow.culprits.join(', ')})`);
        const header = await page.locator('.site-header').boundingBox();
        expect(header!.height, `${email} ${path}: the header with the menu closed`).toBeLessThanOrEqual(PHONE.height / 4);
      }
      await page.context().close();
      return wide;
    };
    const wide: string[] = [];
    wide.push(...await sweep('operators@rda.lv', ({ tenantId, serviceId, monitorId }) => [
      '/',
      '/municipalities',
      `/municipalities/${tenantId}`,
      '/users',
      '/tokens',
      '/audit',
      '/tickets',
      '/tickets/new',
      '/calendars',
      '/desk-report',
      `/municipalities/${tenantId}/desk-report/2026-10`,
      '/status',
      `/municipalities/${tenantId}/status`,
      '/services',
      `/services/${serviceId}`,
      '/incidents',
      '/monitors',
      ...(monitorId ? [`/monitors/${monitorId}`] : []),
      '/maintenance',
      '/sla-report',
      `/municipalities/${tenantId}/sla-reports/2026-10`,
      '/identity-providers',
      '/account',
    ]));
    wide.push(...await sweep('finanses@rda.lv', ({ tenantId, runId }) => [
      '/',
      '/billing/runs',
      ...(runId ? [`/billing/runs/${runId}`] : []),
      '/billing/invoices',
      '/billing/tariffs',
      '/billing/cost-pools',
      '/billing/forecast',
      '/billing/usage',
      '/billing/seller',
      `/municipalities/${tenantId}/costs`,
    ]));
    wide.push(...await sweep('admin@cesis.lv', ({ tenantId }) => ['/', `/municipalities/${tenantId}`, `/municipalities/${tenantId}/costs`, `/municipalities/${tenantId}/sla-reports/2026-10`, '/tickets']));
    wide.push(...await sweep('auditors@rda.lv', () => ['/']));
    wide.push(...await sweep('dienests@rda.lv', () => ['/']));
    expect(wide, 'pages wider than the phone').toEqual([]);
  }, 480_000);
});

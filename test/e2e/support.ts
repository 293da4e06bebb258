import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { launchBrowser, seriousViolations } from '../support/browser.js';
import type { BackendName } from '../support/database.js';
import { startRealServer } from '../support/server.js';
import { base32Decode, hotp, timeStep } from '../support/totp.js';

export const DEMO_PASSWORD = 'kopa-demo-2026';

const cspViolations = new WeakMap<Page, string[]>();

/** What the Content-Security-Policy refused on this page so far (Chromium reports each on the console). */
export function cspViolationsOf(page: Page): string[] {
  return cspViolations.get(page) ?? [];
}

/** A fresh browser context (own cookies), Latvian like a municipality's browser would be. */
export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'lv-LV', timezoneId: 'Europe/Riga' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const refused: string[] = [];
  cspViolations.set(page, refused);
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return page;
}

/**
 * A journey's world for one describe block: the real server with the built UI on the given database,
 * and Chromium. `open()` gives a fresh Latvian page (own cookies) on that server.
 */
export function journeyWorld(backend: BackendName, options: { prober?: boolean; history?: boolean } = {}): { open(): Promise<Page>; server(): Awaited<ReturnType<typeof startRealServer>> } {
  let server: Awaited<ReturnType<typeof startRealServer>> | undefined;
  let chromium: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    // The browser first: without Chromium (where it is required) the journey fails at once.
    chromium = await launchBrowser();
    server = await startRealServer(backend, options);
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });
  return { open: () => newPage(chromium!.browser, server!.url), server: () => server! };
}

/**
 * Every page a journey visits is scanned; the journey fails on any serious or critical finding,
 * and on anything the Content-Security-Policy refused (the UI must work under it).
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const violations = await seriousViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  expect(cspViolationsOf(page), `${where}: refused by the Content-Security-Policy`).toEqual([]);
}

/**
 * The authenticator app of every person a journey signs in: the secret each one read off the
 * enrolment page, and the last 30-second step used (a code is accepted once).
 */
const authenticators = new Map<string, { secret: string; lastStep: number }>();

/** The code the "app" shows now, or in the next step when this one was used; waits if both were. */
export async function nextCode(key: string): Promise<string> {
  const app = authenticators.get(key)!;
  for (;;) {
    const now = timeStep(new Date());
    const step = Math.max(now, app.lastStep + 1);
    if (step <= now + 1) {
      app.lastStep = step;
      return hotp(base32Decode(app.secret), step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Reads the key off the enrolment page (as a person types it into the app) and confirms it. */
export async function enrolAuthenticator(page: Page, key: string): Promise<string[]> {
  await expectAccessible(page, 'second-factor enrolment');
  await page.getByRole('button', { name: 'Iestatīt autentifikācijas lietotni' }).click();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  authenticators.set(key, { secret, lastStep: 0 });
  await expectAccessible(page, 'second-factor enrolment, QR code');
  await page.getByLabel('Kods no autentifikācijas lietotnes').fill(await nextCode(key));
  await page.getByRole('button', { name: 'Apstiprināt un ieslēgt' }).click();
  const list = page.getByRole('list', { name: 'Atkopšanas kodi' });
  await list.waitFor();
  const codes = await list.getByRole('listitem').allInnerTexts();
  await expectAccessible(page, 'recovery codes');
  await page.getByLabel('Esmu saglabājis atkopšanas kodus drošā vietā').check();
  await page.getByRole('button', { name: 'Turpināt' }).click();
  return codes;
}

/**
 * Signs in as a person would with the production policy: the password, then — for the roles that
 * must have a second factor — the enrolment the first time, and a code from the app afterwards.
 */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await expectAccessible(page, 'login');
  await signInOnThisPage(page, email, password);
}

/** Signs in on the login page already shown (reached by a redirect, say), the second factor included. */
export async function signInOnThisPage(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('E-pasta adrese').fill(email);
  await page.getByLabel('Parole').fill(password);
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  const signedIn = page.getByRole('button', { name: 'Iziet', exact: true });
  const codeStep = page.getByLabel('Kods no autentifikācijas lietotnes');
  const enrolment = page.getByRole('heading', { name: 'Iestatiet otro faktoru', level: 1 });
  await signedIn.or(codeStep).or(enrolment).first().waitFor();
  const serverKey = `${new URL(page.url()).host} ${email}`;
  if (await enrolment.isVisible()) {
    await enrolAuthenticator(page, serverKey);
  } else if (await codeStep.isVisible()) {
    await expectAccessible(page, 'second-factor step');
    await codeStep.fill(await nextCode(serverKey));
    await page.getByRole('button', { name: 'Apstiprināt' }).click();
  }
  await signedIn.waitFor();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.getByRole('heading', { name: 'Pieteikties', level: 1 }).waitFor();
}

/** Opens a page from the main menu as a person does: the group's button, then the entry in it. */
export async function openFromMenu(page: Page, group: string, entry: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Galvenā navigācija' });
  const button = nav.getByRole('button', { name: group });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await nav.getByRole('link', { name: entry, exact: true }).click();
}

/** Holds every request to the path `path` (or whose address matches it) until `release()`; then lets them (and any later ones) through. */
export async function hold(page: Page, path: string | RegExp): Promise<{ release(): Promise<void> }> {
  const held: Route[] = [];
  let released = false;
  await page.route((url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)), (route) => (released ? route.continue() : void held.push(route)));
  return {
    async release() {
      released = true;
      await Promise.all(held.map((route) => route.continue()));
    },
  };
}

/** Resolves once no download of the page (a resource timing entry) has ended for 500 ms. */
export async function quietNetwork(page: Page): Promise<void> {
  const started = () => page.evaluate(() => performance.getEntriesByType('resource').length);
  for (let last = -1, now = await started(); now !== last; last = now, now = await started()) await new Promise((resolve) => setTimeout(resolve, 500));
}

import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousViolations } from '../support/browser.js';
import type { BackendName } from '../support/database.js';
import { startRealServer } from '../support/server.js';

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
export function journeyWorld(backend: BackendName, options: { prober?: boolean } = {}): { open(): Promise<Page> } {
  let server: Awaited<ReturnType<typeof startRealServer>> | undefined;
  let chromium: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    server = await startRealServer(backend, options);
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });
  return { open: () => newPage(chromium!.browser, server!.url) };
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

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await expectAccessible(page, 'login');
  await page.getByLabel('E-pasta adrese').fill(email);
  await page.getByLabel('Parole').fill(password);
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.getByRole('button', { name: 'Iziet' }).waitFor();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.getByRole('heading', { name: 'Pieteikties', level: 1 }).waitFor();
}

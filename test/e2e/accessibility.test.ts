import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { startRealServer } from '../support/server.js';
import { expectAccessible, logIn, newPage } from './support.js';

// Every screen each kind of user reaches from the navigation, scanned by axe-core in both
// languages. The journeys check behaviour; this sweep checks the pages they do not pass.
describe.runIf(hasChromium)('every page is accessible (WCAG 2.1 AA, axe-core)', () => {
  let server: Awaited<ReturnType<typeof startRealServer>>;
  let chromium: Awaited<ReturnType<typeof launchBrowser>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startRealServer('pglite');
    chromium = await launchBrowser();
    browser = chromium.browser;
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  interface Ids {
    tenantId: string;
    agreementId: string | null;
    serviceId: string;
  }

  async function sweep(email: string, paths: (ids: Ids) => string[]) {
    const page = await newPage(browser, server.url);
    await logIn(page, email);
    const ids = await page.evaluate(async () => {
      const tenants = await (await fetch('/api/v1/tenants')).json();
      const cesis = tenants.find((t: { name: string }) => t.name.startsWith('Cēsu'));
      const agreements = await fetch(`/api/v1/tenants/${cesis.id}/agreements`);
      const services = await (await fetch('/api/v1/services')).json();
      return {
        tenantId: cesis.id as string,
        agreementId: agreements.ok ? ((await agreements.json())[0]?.id as string) : null,
        serviceId: services[0].id as string,
      };
    });
    for (const language of ['lv', 'en'] as const) {
      if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
      for (const path of paths(ids)) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        // Pages fetch after the first paint; wait until no loading indicator is left.
        await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
        await expectAccessible(page, `${email} ${language} ${path}`);
      }
    }
    await page.context().close();
  }

  it('for an operator', async () => {
    await sweep('operators@rda.lv', ({ tenantId, agreementId, serviceId }) => [
      '/',
      '/municipalities',
      `/municipalities/${tenantId}`,
      `/municipalities/${tenantId}/edit`,
      `/municipalities/${tenantId}/agreements/${agreementId}`,
      `/municipalities/${tenantId}/agreements/${agreementId}/edit`,
      '/users',
      '/tokens',
      '/audit',
      '/tickets',
      '/tickets/new',
      '/calendars',
      '/calendars/lv',
      '/desk-report',
      `/municipalities/${tenantId}/desk-report/2026-10`,
      '/status',
      `/municipalities/${tenantId}/status`,
      '/services',
      '/services/new',
      `/services/${serviceId}`,
      `/services/${serviceId}/edit`,
      '/incidents',
      '/incidents/new',
      '/monitors',
      '/monitors/new',
      '/maintenance',
      '/maintenance/new',
      '/sla-report',
      `/municipalities/${tenantId}/sla-reports/2026-10`,
      '/account',
      '/accessibility',
      '/no-such-page',
    ]);
  });

  it('for a municipality’s administrator', async () => {
    await sweep('admin@cesis.lv', ({ tenantId, serviceId }) => [
      '/',
      `/municipalities/${tenantId}`,
      '/tickets',
      '/tickets/new',
      '/calendars/lv',
      `/municipalities/${tenantId}/desk-report/2026-10`,
      `/municipalities/${tenantId}/status`,
      `/services/${serviceId}`,
      `/municipalities/${tenantId}/sla-reports/2026-10`,
      '/status',
      '/tokens',
      '/audit',
      '/account',
    ]);
  });

  it('for a visitor who is not signed in (the public status page)', async () => {
    const page = await newPage(browser, server.url);
    for (const language of ['lv', 'en'] as const) {
      await page.goto('/status');
      if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: language === 'lv' ? 'Pakalpojumu statuss' : 'Service status' }).waitFor();
      await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
      await expectAccessible(page, `anonymous ${language} /status`);
    }
    await page.context().close();
  });
});

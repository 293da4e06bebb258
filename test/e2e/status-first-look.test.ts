import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, runBrowserJourneys } from '../support/browser.js';
import { startRealServer } from '../support/server.js';
import { expectAccessible, newPage } from './support.js';

// A server that has just started over history it has never summed up (a first start, an upgrade)
// gives the public page a first look: the states now, the 90 days still being computed (ADR 0029).
// The page says so, shows progress, and shows the days once they are in, without a reload. Real
// server (its computation held where it writes the days it swept, after its first look), Chromium.
// On PostgreSQL: the held computation's transaction would hold the embedded database's only
// connection, and with it every other request of the page.
describe.runIf(runBrowserJourneys && process.env.TEST_DATABASE_URL)('the public status page while its history is first computed', () => {
  let server: Awaited<ReturnType<typeof startRealServer>>;
  let chromium: Awaited<ReturnType<typeof launchBrowser>>;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));

  beforeAll(async () => {
    chromium = await launchBrowser();
    server = await startRealServer('postgres', {
      statusCacheMs: 15_000,
      store: (store) => ({ ...store, statusDays: { ...store.statusDays, write: async (tx, days, at) => (await opened, store.statusDays.write(tx, days, at)) } }),
    });
  });
  afterAll(async () => {
    open();
    await chromium?.close();
    await server?.stop();
  });

  it('shows the states now and that the 90 days are being computed, then the days without a reload', async () => {
    const page = await newPage(chromium.browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    const asked: string[] = [];
    page.on('request', (request) => void (new URL(request.url()).pathname === '/api/v1/status' && asked.push(request.url())));
    await page.goto('/status');
    const notice = page.getByRole('status').filter({ hasText: 'aprēķina 90 dienu vēsturi' });
    await notice.waitFor();
    await expect(page.getByRole('progressbar', { name: 'Aprēķina 90 dienu vēsturi' }).isVisible()).resolves.toBe(true);
    // Each service with its state now, and no day, uptime or "since" yet.
    const services = page.locator('.service-status');
    expect(await services.count()).toBeGreaterThan(0);
    expect(await services.locator('.badge').count()).toBe(await services.count());
    expect(await page.locator('.bars').count()).toBe(0);
    expect(await page.getByText('Pieejamība 90 dienās').count()).toBe(0);
    await expectAccessible(page, 'lv /status, history computing');

    open();
    const released = Date.now();
    await page.locator('.bars').first().waitFor({ timeout: 10_000 });
    // Asked again within seconds, not after the minute a complete page waits.
    expect(Date.now() - released).toBeLessThan(10_000);
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(await notice.count()).toBe(0);
    expect(await page.locator('.bars').count()).toBe(await services.count());
    await expectAccessible(page, 'lv /status, history computed');
  });
});

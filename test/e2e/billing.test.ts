import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser } from '../support/browser.js';
import { BACKENDS } from '../support/database.js';
import { startRealServer } from '../support/server.js';
import { expectAccessible, logIn, logOut, newPage } from './support.js';

// The billing journey in real Chromium against the real server (today 2026-11-28, so October has
// ended): finance adds a tariff and a cost pool, imports a provider's usage CSV, computes October
// and finalises it; Cēsis' administrator then downloads the invoice's PDF.
describe.runIf(hasChromium).each(BACKENDS)('billing a month in the browser on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startRealServer>>;
  let chromium: Awaited<ReturnType<typeof launchBrowser>>;
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    server = await startRealServer(backend);
    chromium = await launchBrowser();
    browser = chromium.browser;
    folder = await mkdtemp(join(tmpdir(), 'kopa-billing-e2e-'));
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('finance imports usage, runs and finalises October; the municipality downloads its invoice', async () => {
    const page = await newPage(browser, server.url);
    await logIn(page, 'finanses@rda.lv');
    const cesisId = await page.evaluate(async () => {
      const tenants: { id: string; name: string }[] = await (await fetch('/api/v1/tenants')).json();
      return tenants.find((t) => t.name.startsWith('Cēsu'))!.id;
    });

    // A tariff for vCPU hours at LVRTC.
    await page.getByRole('link', { name: 'Tarifi' }).click();
    await page.getByRole('heading', { name: 'Tarifi', level: 1 }).waitFor();
    await page.locator('#tariff-provider').selectOption('LVRTC');
    await page.locator('#tariff-resource').selectOption('vcpu_hour');
    await page.locator('#tariff-unitPrice').fill('0,045');
    await page.locator('#tariff-validFrom').fill('2026-01-01');
    await page.getByRole('button', { name: 'Pievienot tarifu' }).click();
    await page.getByRole('status').filter({ hasText: 'Tarifs resursam' }).waitFor();
    await page.getByRole('cell', { name: /0,045 EUR/ }).waitFor();
    await expectAccessible(page, 'tariffs');

    // October's administration pool, split by active users.
    await page.getByRole('link', { name: 'Izmaksu fondi' }).click();
    await page.getByRole('heading', { name: 'Izmaksu fondi', level: 1 }).waitFor();
    await page.locator('#pool-month').fill('2026-10');
    await page.locator('#pool-amount').fill('1200.00');
    await page.locator('#pool-description').fill('Platformas administrēšana, oktobris');
    await page.getByRole('button', { name: 'Pievienot izmaksu fondu' }).click();
    await page.getByRole('cell', { name: '1 200,00 EUR' }).waitFor();
    await expectAccessible(page, 'cost pools');

    // The provider's report: two good rows for Cēsis and one with a negative quantity.
    const csv = [
      'id,tenantId,provider,resource,quantity,periodStart,periodEnd',
      `e2e-lvrtc-2026-10-vcpu,${cesisId},LVRTC,vcpu_hour,744,2026-10-01T00:00:00+03:00,2026-11-01T00:00:00+02:00`,
      `e2e-lvrtc-2026-10-users,${cesisId},LVRTC,active_users,412,2026-10-31T00:00:00+02:00,2026-11-01T00:00:00+02:00`,
      `e2e-lvrtc-2026-10-bad,${cesisId},LVRTC,vcpu_hour,-5,2026-10-01T00:00:00+03:00,2026-11-01T00:00:00+02:00`,
    ].join('\n');
    const file = join(folder, 'lvrtc-2026-10.csv');
    await writeFile(file, `${csv}\n`);
    await page.getByRole('link', { name: 'Patēriņa imports' }).click();
    await page.getByRole('heading', { name: 'Patēriņa imports', level: 1 }).waitFor();
    await expectAccessible(page, 'usage import');
    await page.locator('#usage-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Augšupielādēt' }).click();
    await page.getByRole('heading', { name: 'Importa rezultāts: lvrtc-2026-10.csv' }).waitFor();
    const summary = page.locator('section[aria-labelledby="usage-summary-title"]');
    await expect.poll(() => summary.locator('dd').allTextContents()).toEqual(['2', '0', '1']);
    await expect.poll(() => page.locator('#usage-progress').getAttribute('value')).toBe('3');
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lejupielādēt noraidītās rindas (CSV)' }).click()]);
    const rejected = await readFile((await report.path())!, 'utf8');
    expect(rejected).toContain('e2e-lvrtc-2026-10-bad');
    expect(rejected).toContain('quantity');
    await expectAccessible(page, 'usage import summary');

    // October: a draft, then finalised after the confirmation.
    await page.getByRole('link', { name: 'Norēķinu periodi' }).click();
    await page.getByRole('heading', { name: 'Norēķinu periodi', level: 1 }).waitFor();
    await page.locator('#run-month').fill('2026-10');
    await page.getByRole('button', { name: 'Aprēķināt mēnesi' }).click();
    await page.getByRole('heading', { name: 'Norēķini par 2026-10', level: 1 }).waitFor();
    const cesis = page.getByRole('heading', { name: /^Cēsu novada pašvaldība — / });
    await cesis.waitFor();
    expect(await cesis.textContent()).not.toContain('0,00 EUR');
    await expectAccessible(page, 'billing run draft');
    await page.getByRole('button', { name: 'Noslēgt un izrakstīt rēķinus' }).click();
    const dialog = page.getByRole('dialog', { name: 'Noslēgt norēķinus par 2026-10?' });
    await dialog.waitFor();
    await expectAccessible(page, 'finalise confirmation');
    await dialog.getByRole('button', { name: 'Noslēgt un izrakstīt' }).click();
    await page.locator('#finalized-title').waitFor();
    await expect.poll(() => page.locator('#finalized-title').evaluate((el) => el === document.activeElement)).toBe(true);
    const issued = await page.locator('section[aria-labelledby="finalized-title"] li').filter({ hasText: 'Cēsu novada pašvaldība' }).textContent();
    const number = /KOPA-2026-\d{5}/.exec(issued ?? '')?.[0];
    expect(number, issued ?? '').toBeDefined();
    await expectAccessible(page, 'billing run finalised');
    await logOut(page);

    // Cēsis' administrator finds the invoice and downloads its PDF.
    await logIn(page, 'admin@cesis.lv');
    await page.getByRole('link', { name: 'Rēķini un izmaksas' }).click();
    await page.getByRole('heading', { name: 'Rēķini un izmaksas', level: 1 }).waitFor();
    await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    await expectAccessible(page, 'municipality invoices and costs');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Lejupielādēt ${number} PDF` }).click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await page.context().close();
  });
});

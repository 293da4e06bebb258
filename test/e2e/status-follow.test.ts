import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { runBrowserJourneys, launchBrowser } from '../support/browser.js';
import { startRealServer } from '../support/server.js';
import { expectAccessible, newPage } from './support.js';
import { smtpReceiver, type ReceivedMail, type SmtpReceiver } from '../support/smtp-receiver.js';

// Someone follows the public status page by e-mail in the browser (390 px wide, like a phone) and
// confirms through the mailed link; the page also offers the Atom feed. Real server, SMTP receiver, Chromium.
describe.runIf(runBrowserJourneys)('following the status page by e-mail in the browser', () => {
  let server: Awaited<ReturnType<typeof startRealServer>>;
  let chromium: Awaited<ReturnType<typeof launchBrowser>>;
  let smtp: SmtpReceiver;
  const mails: ReceivedMail[] = [];

  beforeAll(async () => {
    smtp = await smtpReceiver({ into: mails });
    server = await startRealServer('pglite', { env: { KOPA_SMTP_URL: smtp.url, KOPA_PUBLIC_URL: 'https://kopa.example.lv' } });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await smtp.close();
  });

  it('asks to follow, confirms once through the mailed link, and finds the feed', async () => {
    const page = await newPage(chromium.browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/status');
    await page.getByRole('heading', { name: 'Sekot pa e-pastu', level: 2 }).waitFor();
    // Feed readers find the feed from the page itself.
    expect(await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe('/api/v1/status/feed.atom');
    expect(await page.getByRole('link', { name: 'Atom plūsma' }).getAttribute('href')).toBe('/api/v1/status/feed.atom');

    await page.getByRole('button', { name: 'Sekot' }).click();
    await page.getByText('Lūdzu, aizpildiet šo lauku.').first().waitFor();
    await page.getByLabel('E-pasta adrese').fill('sekotajs@example.org');
    await page.getByRole('button', { name: 'Sekot' }).click();
    await page.getByText('Ja adrese sekotajs@example.org vēl neseko, uz to nosūtīta apstiprinājuma saite.').waitFor();
    await expectAccessible(page, 'follow form sent');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await sendOutbox(server.runtime.deps);
    const mail = mails.find((m) => m.to.includes('sekotajs@example.org'))!;
    const token = /https:\/\/kopa\.example\.lv\/status\/subscription#confirm=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

    await page.goto(`/status/subscription#confirm=${token}`);
    await page.getByRole('heading', { name: 'Statusa paziņojumu apstiprināšana', level: 1 }).waitFor();
    await expectAccessible(page, 'confirmation page');
    await page.getByRole('button', { name: 'Apstiprināt' }).click();
    await page.getByText('Paldies! Paziņojumi tiks sūtīti uz sekotajs@example.org.').waitFor();
    await expectAccessible(page, 'confirmed');

    // The link works once.
    await page.goto('/status');
    await page.goto(`/status/subscription#confirm=${token}`);
    await page.getByRole('button', { name: 'Apstiprināt' }).click();
    await page.getByText('Šī saite nav derīga').waitFor();

    await page.goto('/status/subscription#unsubscribe=not-a-token-that-was-ever-mailed');
    await page.getByRole('heading', { name: 'Atteikties no statusa paziņojumiem', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Atteikties' }).click();
    await page.getByText('Šī saite nav derīga').waitFor();
    await expectAccessible(page, 'unsubscribe with a bad link');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { startWorker } from '../../src/jobs/worker.js';
import { runBrowserJourneys, launchBrowser } from '../support/browser.js';
import { startRealServer } from '../support/server.js';
import { expectAccessible, logIn, logOut, newPage, openFromMenu } from './support.js';
import { smtpReceiver, type ReceivedMail, type SmtpReceiver } from '../support/smtp-receiver.js';

// A municipality's admin invites a colleague in the browser; the e-mail's link lets the colleague
// choose a password and sign in. The real server, a real SMTP receiver and Chromium.
describe.runIf(runBrowserJourneys)('inviting a colleague in the browser', () => {
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

  it('the admin invites, the colleague joins through the e-mailed link and signs in', async () => {
    const page = await newPage(chromium.browser, server.url);
    await logIn(page, 'admin@cesis.lv');
    await openFromMenu(page, 'Pašvaldība', 'Mana pašvaldība');
    await page.getByRole('button', { name: 'Uzaicināt lietotāju' }).click();
    await page.locator('#tenant-user-name').fill('Inese Ozola');
    await page.locator('#tenant-user-email').fill('inese.ozola@cesis.lv');
    expect(await page.locator('#tenant-user-password').count()).toBe(0);
    await expectAccessible(page, 'invite form');
    await page.locator('#tenant-user-add button[type=submit]').click();
    await page.getByText('Uzaicinājums nosūtīts uz inese.ozola@cesis.lv.').waitFor();
    await expectAccessible(page, 'invitation sent');
    await logOut(page);

    const worker = startWorker({ deps: server.runtime.deps, handlers: jobHandlers(server.runtime.deps), periodic: [], pollMs: 3_600_000, log: { info() {}, error() {} } });
    await worker.tick();
    await worker.stop();
    const mail = mails.find((m) => m.to.includes('inese.ozola@cesis.lv'))!;
    const token = /https:\/\/kopa\.example\.lv\/invitation#([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;

    await page.goto('/invitation#not-a-real-invitation-link-at-all');
    await page.getByLabel('Jaunā parole').fill('pietiekami-gara-parole');
    await page.getByRole('button', { name: 'Izveidot kontu' }).click();
    await page.getByText('Šī uzaicinājuma saite nav derīga').waitFor();
    await expectAccessible(page, 'invalid invitation link');

    await page.goto(`/invitation#${token}`);
    await page.getByRole('heading', { name: 'Pievienoties Kopai', level: 1 }).waitFor();
    await expectAccessible(page, 'invitation page');
    await page.getByLabel('Jaunā parole').fill('Inese-jauna-parole-2026');
    await page.getByRole('button', { name: 'Izveidot kontu' }).click();
    await page.getByText('Konts inese.ozola@cesis.lv ir izveidots.').waitFor();
    await expectAccessible(page, 'invitation accepted');
    await page.locator('#main').getByRole('link', { name: 'Pieteikties' }).click();
    await page.getByRole('heading', { name: 'Pieteikties', level: 1 }).waitFor();
    await logIn(page, 'inese.ozola@cesis.lv', 'Inese-jauna-parole-2026');
    await page.getByRole('button', { name: 'Iziet' }).waitFor();
  });
});

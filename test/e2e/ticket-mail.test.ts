import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/app/desk/open-ticket.js';
import { changeTicketStatus } from '../../src/app/desk/work-ticket.js';
import { sendOutbox } from '../../src/app/outbox/send-outbox.js';
import type { Actor } from '../../src/domain/actor.js';
import { runBrowserJourneys, launchBrowser } from '../support/browser.js';
import { startRealServer } from '../support/server.js';
import { expectAccessible, logIn, newPage } from './support.js';
import { smtpReceiver, type ReceivedMail, type SmtpReceiver } from '../support/smtp-receiver.js';

// A municipality's user follows a colleague's ticket in the browser; when the desk resolves it,
// the reporter's satisfaction mail leads to the public page that rates it once. The real server,
// a real SMTP receiver and Chromium, at the width of a phone.
describe.runIf(runBrowserJourneys)('ticket watchers and the satisfaction link in the browser', () => {
  let server: Awaited<ReturnType<typeof startRealServer>>;
  let chromium: Awaited<ReturnType<typeof launchBrowser>>;
  let smtp: SmtpReceiver;
  const mails: ReceivedMail[] = [];

  beforeAll(async () => {
    smtp = await smtpReceiver({ into: mails });
    server = await startRealServer('pglite', { env: { KOPA_SMTP_URL: smtp.url, KOPA_PUBLIC_URL: 'https://kopa.example.lv', KOPA_DESK_ADDRESS: 'atbalsts@kopa.rda.lv' } });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await smtp.close();
  });

  it('a colleague follows the ticket; the reporter rates it through the mailed link, once', async () => {
    const deps = server.runtime.deps;
    const person = async (email: string): Promise<Actor> => {
      const u = (await deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.users.findForLogin(tx, email)))!;
      return { kind: 'user', id: u.id, label: email, role: u.role, tenantId: u.tenantId, requestId: null, clientAddress: null };
    };
    const ticket = await openTicket(deps, await person('admin@cesis.lv'), { priority: 'P3', subject: 'Neatveras karte', description: 'GIS karte ielādējas bez slāņiem.' });

    const page = await newPage(chromium.browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, 'lietotajs@cesis.lv');
    await page.goto(`/tickets/${ticket.id}`);
    await page.getByRole('heading', { name: 'Sekotāji', level: 2 }).waitFor();
    await page.getByText('Pieteikumam vēl nav sekotāju.').waitFor();
    await page.getByRole('button', { name: 'Sekot pieteikumam' }).click();
    await page.getByText('Jūs sekojat pieteikumam.').waitFor();
    await page.getByRole('button', { name: 'Pārtraukt sekot' }).waitFor();
    await expectAccessible(page, 'ticket watched');

    const agent = await person('dienests@rda.lv');
    await changeTicketStatus(deps, agent, ticket.id, 'in_progress');
    await changeTicketStatus(deps, agent, ticket.id, 'resolved');
    await sendOutbox(deps, { limit: 100 });
    expect(mails.filter((m) => m.to.includes('lietotajs@cesis.lv')).map((m) => m.text.includes('Tiek risināts → Atrisināts'))).toContain(true);
    const ask = mails.find((m) => m.to.includes('admin@cesis.lv') && m.text.includes('/satisfaction?score='))!;
    const link = /https:\/\/kopa\.example\.lv(\/satisfaction\?score=4#[A-Za-z0-9_-]+)/.exec(ask.text)![1]!;

    // The reporter opens the link without signing in: the score chosen in the mail is chosen here.
    const rater = await newPage(chromium.browser, server.url);
    await rater.setViewportSize({ width: 390, height: 844 });
    await rater.goto(link);
    await rater.getByText(`Pieteikums #${ticket.number}: Neatveras karte`).waitFor();
    expect(await rater.getByLabel('4 — apmierināts').isChecked()).toBe(true);
    await expectAccessible(rater, 'satisfaction page');
    await rater.getByLabel('Komentārs par novērtējumu').fill('Atrisināja ātri');
    await rater.getByRole('button', { name: 'Iesniegt novērtējumu' }).click();
    await rater.getByText('Paldies! Jūsu novērtējums ir saglabāts.').waitFor();
    await expectAccessible(rater, 'rated');

    // Opened again later (a fresh page: the same address would only move to its fragment), and tampered with.
    const again = await newPage(chromium.browser, server.url);
    await again.goto(link);
    await again.getByText('Pieteikums jau ir novērtēts; saite derēja vienu reizi.').waitFor();
    const tampered = await newPage(chromium.browser, server.url);
    await tampered.goto(`${link.slice(0, -2)}xx`);
    await tampered.getByText('Šī novērtējuma saite nav derīga').waitFor();
    await expectAccessible(tampered, 'tampered link');

    // The rating shows on the ticket page.
    await page.reload();
    await page.getByText('Novērtējums: 4 no 5').waitFor();
  });
});

import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTicket } from '../../src/app/desk/open-ticket.js';
import type { Actor } from '../../src/domain/actor.js';
import { startInboundMail, type InboundMailServer } from '../../src/jobs/inbound-mail.js';
import { runBrowserJourneys, launchBrowser } from '../support/browser.js';
import { startRealServer } from '../support/server.js';
import { expectAccessible, logIn, newPage, openFromMenu } from './support.js';

const DESK = 'atbalsts@kopa.rda.lv';
const silent = { info() {}, warn() {}, error() {} };

// The desk's day with mail: a stranger's mail waits in quarantine, the desk person adds it to the
// ticket it is about through the dialog, finds it among the handled mail, and adds the municipality's
// colleague as a watcher on the ticket page. Real server, real inbound SMTP listener, Chromium.
describe.runIf(runBrowserJourneys)('the desk handles quarantined mail and watchers in the browser', () => {
  let server: Awaited<ReturnType<typeof startRealServer>>;
  let chromium: Awaited<ReturnType<typeof launchBrowser>>;
  let smtp: InboundMailServer;
  let transport: Transporter;

  beforeAll(async () => {
    server = await startRealServer('pglite', { env: { KOPA_DESK_ADDRESS: DESK } });
    smtp = await startInboundMail({ deps: server.runtime.deps, settings: { deskAddress: DESK, ownAddresses: ['kopa@rda.lv'] }, port: 0, log: silent });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await chromium?.close();
    await server?.stop();
  });

  it('adds a quarantined mail to its ticket and a colleague to the ticket’s watchers', async () => {
    const deps = server.runtime.deps;
    const account = (email: string) => deps.store.run({ role: 'system', tenantId: null }, async (tx) => (await deps.store.users.findForLogin(tx, email))!);
    const admin = await account('admin@cesis.lv');
    const actor: Actor = { kind: 'user', id: admin.id, label: admin.email, role: admin.role, tenantId: admin.tenantId, requestId: null, clientAddress: null };
    const ticket = await openTicket(deps, actor, { priority: 'P3', subject: 'Neatveras portāls', description: 'Portāls rāda 502.' });
    await transport.sendMail({ messageId: `<desk-mail.${Date.now()}@example.com>`, from: 'kads@example.com', to: DESK, subject: 'Par portālu', text: 'Portāls joprojām nestrādā.' });

    const page = await newPage(chromium.browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await logIn(page, 'dienests@rda.lv');
    await openFromMenu(page, 'Pieteikumi', 'Vēstuļu karantīna');
    await page.getByRole('heading', { name: 'Karantīnā esošās vēstules', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Pievienot vēstuli “Par portālu” no kads@example.com pieteikumam' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pievienot “Par portālu” pieteikumam' });
    await dialog.waitFor();
    await expectAccessible(page, 'attach dialog');
    await dialog.getByLabel('Pieteikuma numurs').fill(String(ticket.number));
    await dialog.getByRole('button', { name: 'Pievienot pieteikumam' }).click();
    await page.getByText(`Vēstule “Par portālu” pievienota pieteikumam #${ticket.number}.`).waitFor();
    await page.getByText('Karantīnā vēstuļu nav.').waitFor();

    await page.getByLabel('Rādīt').selectOption('handled');
    const row = page.getByRole('row').filter({ hasText: 'Par portālu' });
    await row.getByText('Pievienota pieteikumam').waitFor();
    await expectAccessible(page, 'handled mail');
    const stored = await deps.store.run({ role: 'system', tenantId: null }, async (tx) => (await deps.store.inboundMail.list(tx, null, null, 50)).find((m) => m.subject === 'Par portālu'));
    expect(stored).toMatchObject({ status: 'attached', ticketId: ticket.id });

    // The mail's text is now the sender's public comment on the ticket.
    await row.getByRole('link', { name: 'Atvērt pieteikumu' }).click();
    await page.waitForURL(`**/tickets/${ticket.id}`);
    await page.getByText('Portāls joprojām nestrādā.').waitFor();

    const colleague = await account('lietotajs@cesis.lv');
    await page.getByLabel('Pievienot sekotāju (pašvaldības vai aģentūras darbinieku)').selectOption({ label: colleague.name });
    await page.getByRole('button', { name: 'Pievienot sekotāju' }).click();
    await page.getByText(`${colleague.name} tagad seko šim pieteikumam.`).waitFor();
    await page.getByRole('button', { name: `Noņemt ${colleague.name} no sekotājiem` }).waitFor();
    await expectAccessible(page, 'ticket with a watcher added');
  });
});

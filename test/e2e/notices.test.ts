import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { expectAccessible, journeyWorld, logIn, openFromMenu } from './support.js';

const SYSTEM = { role: 'system' as const, tenantId: null };

// Issue 14 item 5 and the outbox page: a municipality's admin chooses who hears of what; an
// operator sees the notice that could not be sent and sends it again.
describe.runIf(runBrowserJourneys)('notices in the browser', () => {
  const world = journeyWorld('pglite');

  it('a municipality admin chooses who receives monthly reports, corrected where the server refuses', async () => {
    const admin = await world.open();
    await logIn(admin, 'admin@cesis.lv');
    await openFromMenu(admin, 'Pašvaldība', 'Mana pašvaldība');
    await admin.getByRole('link', { name: 'Paziņojumu saņēmēji' }).click();
    await admin.getByRole('heading', { name: 'Paziņojumu saņēmēji', level: 1 }).waitFor();
    await expect.poll(() => admin.locator('[aria-busy="true"]').count()).toBe(0);
    await expectAccessible(admin, 'notification settings');

    const reports = admin.getByRole('group', { name: 'Mēneša pieejamības pārskati' });
    await reports.getByLabel('Pašvaldības kontaktadrese').uncheck();
    await reports.getByLabel('Microsoft Teams ienākošo tīmekļa āķu adreses').fill('http://teams.example.com/hook');
    await admin.getByRole('button', { name: 'Saglabāt' }).click();
    // The server's field error, in Latvian, beside the field and in the summary.
    await admin.getByRole('alert').waitFor();
    await expect.poll(() => reports.locator('.field-error').first().textContent()).toContain('https');
    await expectAccessible(admin, 'notification settings with an error');

    await reports.getByLabel('Microsoft Teams ienākošo tīmekļa āķu adreses').fill('https://cesis.webhook.office.com/hook');
    await admin.getByRole('button', { name: 'Saglabāt' }).click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'saglabāti' }).count()).toBe(1);
    await admin.reload();
    const again = admin.getByRole('group', { name: 'Mēneša pieejamības pārskati' });
    await expect.poll(() => again.getByLabel('Microsoft Teams ienākošo tīmekļa āķu adreses').inputValue()).toBe('https://cesis.webhook.office.com/hook');
    expect(await again.getByLabel('Pašvaldības kontaktadrese').isChecked()).toBe(false);
    await admin.getByRole('button', { name: 'English' }).click();
    await admin.getByRole('heading', { name: 'Notification recipients', level: 1 }).waitFor();
    await expectAccessible(admin, 'notification settings in English');
    await admin.context().close();
  }, 180_000);

  it('an operator finds a failed notice on the outbox page and sends it again', async () => {
    const { deps } = world.server().runtime;
    const at = new Date();
    await deps.store.run(SYSTEM, (tx) => deps.store.outbox.record(tx, [{ eventKey: 'e2e:1', event: 'sla_report.published', channel: 'slack', recipient: 'https://hooks.slack.example/e2e', tenantId: null, subject: 'Pārbaudes paziņojums', payload: { text: 'x' }, language: 'lv' }], at));
    // As the sender leaves it after its last attempt: claimed, then failed for good (the others claimed go back).
    const claimed = await deps.store.run(SYSTEM, (tx) => deps.store.outbox.claim(tx, at, 300, 1000));
    const row = claimed.find((n) => n.eventKey === 'e2e:1');
    await deps.store.run(SYSTEM, async (tx) => {
      await deps.store.outbox.markFailed(tx, row!.id, 'hooks.slack.example answered 404', null);
      await deps.store.outbox.release(tx, claimed.filter((n) => n !== row).map((n) => n.id), at);
    });

    const operator = await world.open();
    await logIn(operator, 'operators@rda.lv');
    await operator.getByRole('link', { name: 'Izejošie paziņojumi' }).click();
    await operator.getByRole('heading', { name: 'Izejošie paziņojumi', level: 1 }).waitFor();
    const line = operator.getByRole('row', { name: /Pārbaudes paziņojums/ });
    await expect.poll(() => line.textContent()).toContain('answered 404');
    expect(await line.textContent()).toContain('neizdevās');
    await expectAccessible(operator, 'outbox');

    await operator.getByRole('button', { name: `Sūtīt vēlreiz: paziņojums Nr. ${row!.id}` }).click();
    await expect.poll(() => operator.getByRole('status').filter({ hasText: 'ielikts rindā' }).count()).toBe(1);
    // Only failed ones are listed at first: the queued one has left the list.
    await expect.poll(() => operator.getByRole('row', { name: /Pārbaudes paziņojums/ }).count()).toBe(0);
    await operator.getByLabel('Stāvoklis').selectOption('queued');
    await expect.poll(() => operator.getByRole('row', { name: /Pārbaudes paziņojums/ }).textContent()).toContain('rindā');
    await expectAccessible(operator, 'outbox, queued');
    await operator.getByRole('button', { name: 'English' }).click();
    await operator.getByRole('heading', { name: 'Outgoing notices', level: 1 }).waitFor();
    await expect.poll(() => operator.getByRole('row', { name: /Pārbaudes paziņojums/ }).textContent()).toContain('queued');
    await expectAccessible(operator, 'outbox in English');
    await operator.context().close();
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { expectAccessible, journeyWorld, logIn } from './support.js';

// The tokens feature on the generated client (ADR 0012): a created token appears in the list
// without its secret, which is shown once; a revoked one stops working in place.
describe.runIf(runBrowserJourneys)('API tokens in the browser', () => {
  const world = journeyWorld('pglite');

  it('a municipality admin creates a token, sees its secret once, and revokes it', async () => {
    const admin = await world.open();
    await logIn(admin, 'admin@cesis.lv');
    await admin.goto('/tokens');
    await expect.poll(() => admin.locator('[aria-busy="true"]').count()).toBe(0);
    await admin.getByRole('button', { name: 'Jauns žetons' }).click();
    await admin.getByLabel('Nosaukums').fill('Grāmatvedības sistēma');
    await admin.getByRole('button', { name: 'Izveidot žetonu' }).click();

    const secret = admin.getByRole('heading', { name: 'Žetons „Grāmatvedības sistēma” ir izveidots' });
    await secret.waitFor();
    expect(await admin.getByLabel('Žetons', { exact: true }).inputValue()).toMatch(/^kopa_/);
    const row = admin.getByRole('row', { name: /Grāmatvedības sistēma/ });
    await expect.poll(() => row.textContent()).toContain('Darbojas');
    await expectAccessible(admin, 'tokens, just created');
    await admin.getByRole('button', { name: 'Esmu saglabājis, aizvērt' }).click();
    expect(await secret.count()).toBe(0);

    await admin.getByRole('button', { name: 'Atsaukt: Grāmatvedības sistēma' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Atsaukt' }).click();
    await expect.poll(() => admin.getByRole('status').filter({ hasText: 'ir atsaukts' }).count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain('Nedarbojas');
    // The list is the server's: loaded again, the token stays revoked.
    await admin.reload();
    await expect.poll(() => admin.getByRole('row', { name: /Grāmatvedības sistēma/ }).textContent()).toContain('Nedarbojas');
  }, 120_000);
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { DEMO_PASSWORD, expectAccessible, journeyWorld, logIn } from './support.js';

/** The operator changes a municipality's status through the API, as the tenant form does. */
async function setStatus(operator: Page, name: string, status: string): Promise<void> {
  const answer = await operator.evaluate(
    async ({ name, status }) => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const tenants = ((await (await fetch('/api/v1/tenants')).json()).items) as { id: string; name: string }[];
      const id = tenants.find((x) => x.name === name)!.id;
      const response = await fetch(`/api/v1/tenants/${id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken }, body: JSON.stringify({ status }) });
      return response.status;
    },
    { name, status },
  );
  expect(answer).toBe(200);
}

// Finding 4 in the browser: a suspended municipality's people are told why they can only read,
// and are offered nothing to change; an offboarded one's are told why they cannot sign in.
describe.runIf(runBrowserJourneys)('a suspended and then offboarded municipality in the browser', () => {
  const world = journeyWorld('pglite');

  it('shows the read-only banner on every page, hides writes, and explains the offboarded sign-in', async () => {
    const operator = await world.open();
    await logIn(operator, 'operators@rda.lv');
    await setStatus(operator, 'Siguldas novada pašvaldība', 'suspended');

    const person = await world.open();
    await logIn(person, 'admin@sigulda.lv');
    const banner = person.locator('#read-only-banner');
    for (const path of ['/', '/tickets', '/tokens']) {
      await person.goto(path);
      await person.locator('h1').first().waitFor();
      await expect.poll(() => banner.textContent()).toContain('Pašvaldības piekļuve ir apturēta: var skatīt, bet ne mainīt.');
    }
    await person.goto('/tickets');
    await expect.poll(() => person.locator('[aria-busy="true"]').count()).toBe(0);
    expect(await person.getByRole('link', { name: 'Jauns pieteikums' }).count()).toBe(0);
    await expectAccessible(person, 'tickets, suspended (lv)');
    await person.goto('/tokens');
    await expect.poll(() => person.locator('[aria-busy="true"]').count()).toBe(0);
    expect(await person.getByRole('button', { name: 'Jauns žetons' }).count()).toBe(0);
    await person.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => banner.textContent()).toContain('The municipality’s access is suspended: you can view but not change.');
    await expectAccessible(person, 'tokens, suspended (en)');
    await person.getByRole('button', { name: 'Latviešu' }).click();

    // Another municipality's people are not touched.
    const other = await world.open();
    await logIn(other, 'admin@cesis.lv');
    expect(await other.locator('#read-only-banner').count()).toBe(0);

    await setStatus(operator, 'Siguldas novada pašvaldība', 'offboarded');
    await person.goto('/tickets');
    await person.getByRole('heading', { name: 'Pieteikties', level: 1 }).waitFor();
    await expect.poll(() => person.getByText('Jūsu pašvaldība ir atvienota no Kopas').count()).toBe(1);
    await person.getByLabel('E-pasta adrese').fill('admin@sigulda.lv');
    await person.getByLabel('Parole').fill(DEMO_PASSWORD);
    await person.getByRole('button', { name: 'Pieteikties' }).click();
    await expect.poll(() => person.locator('.message-error').textContent()).toContain('Jūsu pašvaldība ir atvienota no Kopas');
    await expectAccessible(person, 'login, offboarded');
  }, 180_000);
});

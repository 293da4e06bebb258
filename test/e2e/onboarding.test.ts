import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { BACKENDS } from '../support/database.js';
import { expectAccessible, journeyWorld, logIn, logOut, openFromMenu } from './support.js';

// The foundation journey in real Chromium against the real server with the built UI:
// an operator onboards a municipality under an agreement and gives it an administrator,
// who then sees that municipality and no other.
describe.runIf(runBrowserJourneys).each(BACKENDS)('onboarding a municipality in the browser on %s', (backend) => {
  const world = journeyWorld(backend);

  it('an operator creates a municipality, its agreement and its admin; the admin sees only it', async () => {
    const page = await world.open();
    await logIn(page, 'operators@rda.lv');

    await page.goto('/municipalities');
    await page.getByRole('heading', { name: 'Pašvaldības', level: 1 }).waitFor();
    await expectAccessible(page, 'municipalities list');
    await page.getByRole('link', { name: 'Jauna pašvaldība' }).click();
    await page.getByRole('heading', { name: 'Jauna pašvaldība', level: 1 }).waitFor();
    await expectAccessible(page, 'new municipality form');

    // A wrong registration number is refused in place, naming the field.
    await page.locator('#tenant-name').fill('Limbažu novada pašvaldība');
    await page.locator('#tenant-registrationNumber').fill('123');
    await page.getByRole('button', { name: 'Izveidot pašvaldību' }).click();
    await expect.poll(() => page.locator('#tenant-registrationNumber').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'new municipality form with errors');

    await page.locator('#tenant-registrationNumber').fill('90009114631');
    await page.locator('#tenant-email').fill('pasts@limbazi.lv');
    await page.getByRole('button', { name: 'Izveidot pašvaldību' }).click();
    await page.getByRole('heading', { name: 'Limbažu novada pašvaldība', level: 1 }).waitFor();
    await expect.poll(() => page.getByText('Pašvaldība „Limbažu novada pašvaldība” ir izveidota.').count()).toBe(1);
    await expectAccessible(page, 'municipality detail');
    const municipalityPath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: 'Jauns līgums' }).click();
    await page.getByRole('heading', { name: 'Jauns sadarbības līgums', level: 1 }).waitFor();
    await expectAccessible(page, 'new agreement form');
    await page.locator('#agreement-number').fill('RDA/2026/117');
    await page.locator('#agreement-signedOn').fill('2026-11-20');
    await page.locator('#agreement-effectiveFrom').fill('2026-12-01');
    await page.locator('#agreement-buyerReference').fill('LNP-IT-2026');
    await page.getByRole('button', { name: 'Saglabāt līgumu' }).click();
    await page.getByText('Līgums Nr. RDA/2026/117 ir saglabāts.').waitFor();
    await expectAccessible(page, 'agreement page');

    // The agreement is really stored with the contract's defaults (97 %, calendar lv, 48 h).
    const stored = await page.evaluate(async (path) => {
      const id = path.split('/').at(-1);
      return (await (await fetch(`/api/v1/tenants/${id}/agreements`)).json()).items;
    }, municipalityPath);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ number: 'RDA/2026/117', effectiveFrom: '2026-12-01', availabilityTargetPercent: 97, calendarId: 'lv', maintenanceNoticeHours: 48 });

    await page.goto(municipalityPath);
    await page.getByRole('heading', { name: 'Limbažu novada pašvaldība', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Pievienot lietotāju' }).click();
    await page.locator('#tenant-user-name').fill('Ilze Kalniņa');
    await page.locator('#tenant-user-email').fill('ilze.kalnina@limbazi.lv');
    await page.locator('#tenant-user-role').selectOption('tenant_admin');
    await page.locator('#tenant-user-password').fill('Limbazi-parole-2026');
    await page.locator('#tenant-user-add button[type=submit]').click();
    await page.getByText('Lietotājs Ilze Kalniņa ir pievienots.').waitFor();
    await expectAccessible(page, 'municipality detail with new user');
    await logOut(page);

    await logIn(page, 'ilze.kalnina@limbazi.lv', 'Limbazi-parole-2026');
    // A municipality's admin has their own municipality in the navigation…
    await openFromMenu(page, 'Pašvaldība', 'Mana pašvaldība');
    await page.getByRole('heading', { name: 'Limbažu novada pašvaldība', level: 1 }).waitFor();
    await expectAccessible(page, 'the admin’s own municipality');
    // …and the list holds it alone: the other municipalities do not exist for them.
    await page.goto('/municipalities');
    await page.getByRole('link', { name: 'Limbažu novada pašvaldība' }).waitFor();
    expect(await page.getByRole('table').getByRole('row').count()).toBe(2); // header + one municipality
    expect(await page.getByText('Cēsu novada pašvaldība').count()).toBe(0);
    await expectAccessible(page, 'the admin’s municipality list');
    const visible = await page.evaluate(async () => ((await (await fetch('/api/v1/tenants')).json()).items).map((t: { name: string }) => t.name));
    expect(visible).toEqual(['Limbažu novada pašvaldība']);

    const audit = await page.evaluate(async () => (await (await fetch('/api/v1/audit-events')).json()));
    const actions: string[] = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['tenant.created', 'agreement.created', 'user.created']));
    await page.goto('/audit');
    await page.getByRole('heading', { name: 'Audita žurnāls', level: 1 }).waitFor();
    await expectAccessible(page, 'audit log');

    // English is one switch away, and the choice is remembered.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await expectAccessible(page, 'audit log in English');
    await page.context().close();
  });
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runBrowserJourneys } from '../support/browser.js';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, enrolAuthenticator, expectAccessible, journeyWorld, logOut, nextCode } from './support.js';

/** Password only, up to the second step (or the enrolment) of a sign-in. */
async function password(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-pasta adrese').fill(email);
  await page.getByLabel('Parole').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Pieteikties' }).click();
}

describe.runIf(runBrowserJourneys).each(BACKENDS)('signing in with a second factor in the browser on %s', (backend) => {
  const world = journeyWorld(backend);

  it('an operator is led to enrol an authenticator app, signs out, and signs in with password and code; a recovery code works once', async () => {
    const page = await world.open();
    await password(page, 'operators@rda.lv');
    // Right after the password: the enrolment, and nothing else.
    await page.getByRole('heading', { name: 'Iestatiet otro faktoru', level: 1 }).waitFor();
    const blocked = await page.evaluate(async () => (await fetch('/api/v1/tenants')).status);
    expect(blocked).toBe(403);
    await page.goto('/municipalities');
    await page.getByRole('heading', { name: 'Iestatiet otro faktoru', level: 1 }).waitFor();

    const serverKey = `${new URL(page.url()).host} operators@rda.lv`;
    const recoveryCodes = await enrolAuthenticator(page, serverKey);
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole('button', { name: 'Iziet', exact: true }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/v1/tenants')).status)).toBe(200);

    // The account page shows the factor and this session.
    await page.goto('/account');
    await page.getByRole('heading', { name: 'Otrais faktors', level: 2 }).waitFor();
    await expect.poll(() => page.getByText('Ieslēgta').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Šī sesija').count()).toBe(1);
    await expectAccessible(page, 'account with a second factor');
    await logOut(page);

    // Password, then the code the app shows now.
    await password(page, 'operators@rda.lv');
    const code = page.getByLabel('Kods no autentifikācijas lietotnes');
    await code.waitFor();
    await expectAccessible(page, 'second-factor step');
    await code.fill('12345'); // a digit short: never a right code
    await page.getByRole('button', { name: 'Apstiprināt' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kods nav pareizs' }).waitFor();
    await code.fill(await nextCode(serverKey));
    await page.getByRole('button', { name: 'Apstiprināt' }).click();
    await page.getByRole('button', { name: 'Iziet', exact: true }).waitFor();
    await logOut(page);

    // A recovery code instead: it works once.
    const useRecovery = async (value: string) => {
      await password(page, 'operators@rda.lv');
      await page.getByRole('button', { name: 'Izmantot atkopšanas kodu' }).click();
      await page.getByLabel('Atkopšanas kods').fill(value);
      await page.getByRole('button', { name: 'Apstiprināt' }).click();
    };
    await useRecovery(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Iziet', exact: true }).waitFor();
    await page.goto('/account');
    await page.getByText('Atlikuši 9 neizmantoti kodi.').waitFor();
    await logOut(page);
    await useRecovery(recoveryCodes[0]!);
    await page.getByRole('alert').filter({ hasText: 'Atkopšanas kods nav pareizs vai jau izmantots' }).waitFor();
    await page.getByRole('button', { name: 'Sākt no jauna' }).click();
    await page.getByLabel('E-pasta adrese').waitFor();
  }, 180_000);

  it('a municipality admin enrols a passkey (Chromium’s virtual authenticator) and signs in with it', async () => {
    // Passkeys need a host name, not an IP address: the same server, reached as localhost.
    const page = await world.open();
    await page.goto('/login');
    const origin = new URL(page.url()).origin.replace('127.0.0.1', 'localhost');
    await page.goto(`${origin}/login`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await page.getByLabel('E-pasta adrese').fill('admin@cesis.lv');
    await page.getByLabel('Parole').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await page.getByRole('heading', { name: 'Iestatiet otro faktoru', level: 1 }).waitFor();
    await page.getByLabel('Nosaukums').fill('Darba dators');
    await page.getByRole('button', { name: 'Pievienot piekļuves atslēgu' }).click();
    // The first factor comes with recovery codes, kept before going on.
    await page.getByRole('list', { name: 'Atkopšanas kodi' }).waitFor();
    await page.getByLabel('Esmu saglabājis atkopšanas kodus drošā vietā').check();
    await page.getByRole('button', { name: 'Turpināt' }).click();
    await page.getByRole('button', { name: 'Iziet', exact: true }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);

    await page.goto(`${origin}/account`);
    await page.getByRole('row', { name: /Darba dators/ }).waitFor();
    await expectAccessible(page, 'account with a passkey');
    await page.getByRole('button', { name: 'Iziet', exact: true }).click();
    await page.getByRole('heading', { name: 'Pieteikties', level: 1 }).waitFor();

    await page.getByLabel('E-pasta adrese').fill('admin@cesis.lv');
    await page.getByLabel('Parole').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await page.getByRole('button', { name: 'Izmantot piekļuves atslēgu' }).click();
    await page.getByRole('button', { name: 'Iziet', exact: true }).waitFor();
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]!.signCount).toBeGreaterThan(credentials[0]!.signCount);
    await page.goto(`${origin}/account`);
    await expect.poll(() => page.getByRole('row', { name: /Darba dators/ }).innerText()).not.toContain('—');
  }, 180_000);
});

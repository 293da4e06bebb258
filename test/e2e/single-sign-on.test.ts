import { describe, expect, it } from 'vitest';
import { createIdentityProvider } from '../../src/app/oidc/manage-identity-providers.js';
import { systemActor } from '../../src/domain/actor.js';
import { runBrowserJourneys } from '../support/browser.js';
import { BACKENDS } from '../support/database.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../support/openid-provider.js';
import { expectAccessible, journeyWorld } from './support.js';

/**
 * A municipality's IT lead signs in through the municipality's identity provider (a real
 * OpenID Provider in this process, with its own sign-in page), lands in Kopa with the role Kopa
 * gave them, sees the linked account, and signs out through the provider.
 */
describe.runIf(runBrowserJourneys).each(BACKENDS)('single sign-on in the browser on %s', (backend) => {
  const world = journeyWorld(backend);

  it("signs in on the provider's own page, lands signed in as the municipality's admin, and signs out through the provider", async () => {
    const server = world.server();
    let op: TestOpenIdProvider | null = null;
    try {
      op = await startOpenIdProvider({
        redirectUri: `${server.url}/api/v1/auth/oidc/callback`,
        postLogoutRedirectUri: `${server.url}/login`,
        backchannelLogoutUri: `${server.url}/api/v1/auth/oidc/backchannel-logout`,
      });
      // The provider asserts a second factor, so the production policy (tenant admins need one) is met there.
      op.accounts.set('anna', { password: 'anna-parole-2026', email: 'admin@cesis.lv', name: 'Anna Bērziņa', amr: ['pwd', 'mfa'] });
      const deps = server.runtime.deps;
      const cesis = (await deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.tenants.list(tx, null))).find((x) => x.name.startsWith('Cēsu'))!;
      await createIdentityProvider(deps, systemActor('test'), { name: 'Cēsu novada konts', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, tenantId: cesis.id, emailDomains: ['cesis.lv'] });

      const page = await world.open();
      await page.goto('/login');
      await page.getByLabel('E-pasta adrese').fill('admin@cesis.lv');
      const button = page.getByRole('link', { name: 'Pieteikties ar Cēsu novada konts' });
      await button.waitFor();
      await expectAccessible(page, 'sign-in page with a provider offered');
      await button.click();

      // The provider's own page, on its own origin.
      await page.waitForURL((url) => url.origin === op!.issuer);
      await page.getByLabel('Lietotājvārds').fill('anna');
      await page.getByLabel('Parole').fill('anna-parole-2026');
      await page.getByRole('button', { name: 'Pieteikties' }).click();

      // Back in Kopa, signed in as Cēsis' administrator.
      await page.waitForURL(`${server.url}/municipalities/${cesis.id}`);
      const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
      expect(session.user).toMatchObject({ email: 'admin@cesis.lv', role: 'tenant_admin', tenantId: cesis.id });
      await page.getByRole('button', { name: 'Iziet', exact: true }).waitFor();

      await page.goto('/account');
      await page.getByRole('heading', { name: 'Saistītie konti', level: 2 }).waitFor();
      await page.getByRole('rowheader', { name: 'Cēsu novada konts' }).waitFor();
      await expectAccessible(page, 'account with a linked identity');

      await page.goto('/identity-providers');
      await page.getByRole('rowheader', { name: /Cēsu novada konts/ }).waitFor();
      await page.getByRole('button', { name: 'Pārbaudīt: Cēsu novada konts' }).click();
      await page.getByText(`Savienojums ir kārtībā: ${op.issuer}`).waitFor();
      await expectAccessible(page, 'identity providers of a municipality');

      // A second, mistaken registration is deleted after a confirmation that says the links go too.
      await createIdentityProvider(deps, systemActor('test'), { name: 'Kļūdains konts', issuer: op.issuer, clientId: 'kopa-kludains', clientSecret: 'kludains-noslepums', tenantId: cesis.id, emailDomains: ['cesis.lv'] });
      await page.reload();
      await page.getByRole('button', { name: 'Dzēst: Kļūdains konts' }).click();
      const confirmRemove = page.getByRole('dialog', { name: 'Dzēst identitātes pakalpojumu “Kļūdains konts”?' });
      await confirmRemove.getByText('visi caur to sasaistītie konti tiks atsaistīti').waitFor();
      await expectAccessible(page, 'confirming the deletion of a provider');
      await confirmRemove.getByRole('button', { name: 'Dzēst' }).click();
      await page.getByRole('status').getByText('Pakalpojums “Kļūdains konts” dzēsts.').waitFor();
      await page.getByRole('rowheader', { name: /Kļūdains konts/ }).waitFor({ state: 'detached' });
      const remaining = await deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.identityProviders.list(tx, { tenantId: cesis.id }));
      expect(remaining.map((p) => p.name)).toEqual(['Cēsu novada konts']);

      // Unlinking on the account page, after a confirmation; the next sign-in through the provider links again.
      await page.goto('/account');
      await page.getByRole('button', { name: 'Atsaistīt: Cēsu novada konts' }).click();
      const confirmUnlink = page.getByRole('dialog', { name: 'Atsaistīt kontu “Cēsu novada konts”?' });
      await expectAccessible(page, 'confirming an unlink');
      await confirmUnlink.getByRole('button', { name: 'Atsaistīt' }).click();
      await page.getByRole('status').getByText('Konts “Cēsu novada konts” atsaistīts.').waitFor();
      await page.getByText('Jūs vēl neesat pieteicies ar nevienu identitātes pakalpojumu.').waitFor();
      const links = await deps.store.run({ role: 'system', tenantId: null }, async (tx) => deps.store.identityProviders.linksOf(tx, session.user.id as string));
      expect(links).toEqual([]);

      // Signing out ends Kopa's session and then the provider's, which sends the browser back to sign-in.
      await page.getByRole('button', { name: 'Iziet', exact: true }).click();
      await page.waitForURL((url) => url.origin === op!.issuer);
      await page.getByRole('button', { name: 'Jā, izrakstīties' }).click();
      await page.waitForURL(`${server.url}/login`);
      expect(await page.evaluate(async () => (await fetch('/api/v1/session')).status)).toBe(401);
      await page.getByRole('heading', { name: 'Pieteikties', level: 1 }).waitFor();
    } finally {
      await op?.close();
    }
  });

  it('words a refusal on the sign-in page', async () => {
    const page = await world.open();
    await page.goto('/login?sso_error=sso_wrong_organisation');
    await page.getByRole('alert').getByText('Šis identitātes pakalpojums neielaiž jūsu e-pasta adresi').waitFor();
    await expectAccessible(page, 'sign-in page with a refused single sign-on');
    await page.goto('/login?sso_error=sso_throttled');
    await page.getByRole('alert').getByText('Pārāk daudz neizdevušos pieteikšanos ar šo identitātes pakalpojumu no jūsu adreses').waitFor();
  });
});

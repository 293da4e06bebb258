import { describe, expect, it } from 'vitest';
import { createIdentityProvider } from '../../src/app/oidc/manage-identity-providers.js';
import { systemActor } from '../../src/domain/actor.js';
import { runBrowserJourneys } from '../support/browser.js';
import { BACKENDS } from '../support/database.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../support/openid-provider.js';
import { expectAccessible, journeyWorld, logIn } from './support.js';

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

      // Back in Kopa on the home page, signed in as Cēsis' administrator.
      await page.waitForURL(`${server.url}/`);
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
      // The claim → role mapping is an operator's: a municipality's admin sees it and may not change it.
      await page.getByRole('row', { name: /Cēsu novada konts/ }).getByText('Lomas nosaka Kopa').waitFor();
      expect(await page.getByRole('button', { name: /^Lomu piesaiste/ }).count()).toBe(0);
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

  it("lets an operator map the provider's groups claim to a role in the UI, and the next sign-in gets the mapped role", async () => {
    const server = world.server();
    let op: TestOpenIdProvider | null = null;
    try {
      op = await startOpenIdProvider({ redirectUri: `${server.url}/api/v1/auth/oidc/callback`, postLogoutRedirectUri: `${server.url}/login`, backchannelLogoutUri: `${server.url}/api/v1/auth/oidc/backchannel-logout` });
      op.accounts.set('janis', { password: 'janis-parole-2026', email: 'lietotajs@cesis.lv', name: 'Jānis Bērziņš', amr: ['pwd', 'mfa'], groups: ['cesis-it', 'kopa-admins'] });
      const deps = server.runtime.deps;
      const system = { role: 'system', tenantId: null } as const;
      const cesis = (await deps.store.run(system, (tx) => deps.store.tenants.list(tx, null))).find((x) => x.name.startsWith('Cēsu'))!;
      const roleOfJanis = async () => (await deps.store.run(system, (tx) => deps.store.users.findForLogin(tx, 'lietotajs@cesis.lv')))?.role;
      // Kopa gave him the municipality's user role; only the mapping can make him an administrator.
      expect(await roleOfJanis()).toBe('tenant_user');
      const provider = await createIdentityProvider(deps, systemActor('test'), { name: 'Cēsu grupu konts', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, tenantId: cesis.id, emailDomains: ['cesis.lv'] });

      const operator = await world.open();
      await logIn(operator, 'operators@rda.lv');
      await operator.goto('/identity-providers');
      await operator.getByRole('row', { name: /Cēsu grupu konts/ }).getByText('Lomas nosaka Kopa').waitFor();
      await operator.getByRole('button', { name: 'Lomu piesaiste: Cēsu grupu konts' }).click();
      const form = operator.getByRole('form', { name: 'Lomu piesaiste: Cēsu grupu konts' });
      await form.getByLabel('Apgalvojuma (claim) nosaukums').fill('groups');
      await form.getByRole('button', { name: 'Pievienot rindu' }).click();
      // A municipality's provider offers the municipality's roles only.
      expect(await form.getByLabel('Loma (1. rinda)').locator('option').allInnerTexts()).toEqual(['Pašvaldības lietotājs', 'Pašvaldības administrators']);

      // An empty value: the server's field problem is shown beside that input and in the summary.
      await form.getByRole('button', { name: 'Saglabāt piesaisti' }).click();
      await form.getByRole('alert').getByRole('link', { name: /^Vērtība \(1\. rinda\)/ }).waitFor();
      const value = form.getByLabel('Vērtība (1. rinda)');
      expect(await value.getAttribute('aria-invalid')).toBe('true');
      expect(await operator.locator('#mapping-roleMapping-0-value-error').count()).toBe(1);
      await expectAccessible(operator, 'role mapping with a field problem');

      await value.fill('kopa-admins');
      await form.getByLabel('Loma (1. rinda)').selectOption({ label: 'Pašvaldības administrators' });
      // A second row, removed again before saving.
      await form.getByRole('button', { name: 'Pievienot rindu' }).click();
      await form.getByLabel('Vērtība (2. rinda)').fill('cesis-it');
      await form.getByRole('button', { name: 'Noņemt 2. rindu' }).click();
      await form.getByRole('button', { name: 'Saglabāt piesaisti' }).click();
      await operator.getByRole('status').getByText('Pakalpojuma “Cēsu grupu konts” lomu piesaiste saglabāta.').waitFor();
      await operator.getByRole('row', { name: /Cēsu grupu konts/ }).getByText('Pašvaldības administrators').waitFor();
      await expectAccessible(operator, 'identity providers with a role mapping');
      const stored = await deps.store.run(system, (tx) => deps.store.identityProviders.get(tx, provider.id));
      expect(stored).toMatchObject({ roleClaim: 'groups', roleMapping: [{ value: 'kopa-admins', role: 'tenant_admin' }] });

      // Jānis signs in through the provider, which puts kopa-admins in his groups claim.
      const page = await world.open();
      await page.goto('/login');
      await page.getByLabel('E-pasta adrese').fill('lietotajs@cesis.lv');
      await page.getByRole('link', { name: 'Pieteikties ar Cēsu grupu konts' }).click();
      await page.waitForURL((url) => url.origin === op!.issuer);
      await page.getByLabel('Lietotājvārds').fill('janis');
      await page.getByLabel('Parole').fill('janis-parole-2026');
      await page.getByRole('button', { name: 'Pieteikties' }).click();
      await page.getByRole('button', { name: 'Iziet', exact: true }).waitFor();
      const session = await page.evaluate(async () => (await fetch('/api/v1/session')).json());
      expect(session.user).toMatchObject({ email: 'lietotajs@cesis.lv', role: 'tenant_admin', tenantId: cesis.id });
      expect(await roleOfJanis()).toBe('tenant_admin');
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

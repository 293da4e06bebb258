import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { totpAt } from '../support/totp.js';
import { DEMO_PASSWORD, expectAccessible, journeyWorld, logIn } from './support.js';

// Every screen each kind of user reaches from the navigation, scanned by axe-core in both
// languages. The journeys check behaviour; this sweep checks the pages they do not pass.
describe.runIf(runBrowserJourneys)('every page is accessible (WCAG 2.1 AA, axe-core)', () => {
  const world = journeyWorld('pglite');

  interface Ids {
    tenantId: string;
    agreementId: string | null;
    serviceId: string;
    /** The monitors the operator's sweep adds (the demo has none), so that their pages are scanned too. */
    httpMonitorId: string;
    pushMonitorId: string;
  }

  /**
   * The demo data has no monitors: add an HTTP monitor with a day of results (two failures in a row,
   * an outage) and an October outage for the SLA report, and a push monitor — through the API in the
   * operator's browser session, with the CSRF header as the UI sends it.
   */
  async function addMonitors(): Promise<void> {
    const page = await world.open();
    await logIn(page, 'operators@rda.lv');
    await page.evaluate(async () => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken as string };
      const post = async (path: string, body: unknown) => {
        const response = await fetch(`/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return response.json();
      };
      const services = (await (await fetch('/api/v1/services')).json()).items;
      const serviceId = services[0].id as string;
      const http = await post('/monitors', { serviceId, name: 'Portāls — sākumlapa', type: 'http', target: 'https://portals.example.lv/health', intervalSeconds: 600, locations: ['local'] });
      await post('/monitors', { serviceId, name: 'Dokumentu vadība — signāls', type: 'push', intervalSeconds: 300 });
      const step = 600_000;
      const now = Math.floor(Date.now() / step) * step;
      const day = Array.from({ length: 144 }, (_, i) => ({ at: new Date(now - (144 - i) * step).toISOString(), ok: i !== 60 && i !== 61, latencyMs: 80 + ((i * 37) % 120), location: 'local' }));
      const october = Array.from({ length: 12 }, (_, i) => ({ at: new Date(Date.UTC(2026, 9, 12, 8, 0) + i * step).toISOString(), ok: i < 4 || i > 7, latencyMs: 95, location: 'local' }));
      await post(`/monitors/${http.id}/results`, { results: [...october, ...day] });
    });
    await page.context().close();
  }

  async function sweep(email: string, paths: (ids: Ids) => string[]) {
    const page = await world.open();
    await logIn(page, email);
    const ids = await page.evaluate(async () => {
      const tenants = (await (await fetch('/api/v1/tenants')).json()).items;
      const cesis = tenants.find((t: { name: string }) => t.name.startsWith('Cēsu'));
      const agreements = await fetch(`/api/v1/tenants/${cesis.id}/agreements`);
      const services = (await (await fetch('/api/v1/services')).json()).items;
      const monitorsAnswer = await fetch('/api/v1/monitors');
      // Finance may not read monitors: their pages are not in its sweep.
      const monitors: { id: string; type: string }[] = monitorsAnswer.ok ? ((await monitorsAnswer.json()) as { items: { id: string; type: string }[] }).items : [];
      return {
        tenantId: cesis.id as string,
        agreementId: agreements.ok ? ((await agreements.json()).items[0]?.id as string) : null,
        serviceId: services[0].id as string,
        httpMonitorId: monitors.find((m) => m.type === 'http')?.id ?? '',
        pushMonitorId: monitors.find((m) => m.type === 'push')?.id ?? '',
      };
    });
    for (const language of ['lv', 'en'] as const) {
      if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
      for (const path of paths(ids)) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        // Pages fetch after the first paint; wait until no loading indicator is left.
        await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
        // Tables of a chart's figures sit in closed <details>, which axe skips: open them all.
        await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        await expectAccessible(page, `${email} ${language} ${path}`);
      }
    }
    await page.context().close();
  }

  // Every page is scanned in two languages at about two seconds a scan on a two-core machine:
  // a role's whole sweep takes longer than the project's default test timeout.
  const SWEEP_TIMEOUT = 480_000;

  it('for an operator', async () => {
    await addMonitors();
    await sweep('operators@rda.lv', ({ tenantId, agreementId, serviceId, httpMonitorId, pushMonitorId }) => [
      '/',
      '/municipalities',
      `/municipalities/${tenantId}`,
      `/municipalities/${tenantId}/edit`,
      `/municipalities/${tenantId}/agreements/${agreementId}`,
      `/municipalities/${tenantId}/agreements/${agreementId}/edit`,
      '/users',
      '/tokens',
      '/audit',
      '/tickets',
      '/tickets/new',
      '/calendars',
      '/calendars/lv',
      '/desk-report',
      `/municipalities/${tenantId}/desk-report/2026-10`,
      '/status',
      `/municipalities/${tenantId}/status`,
      '/services',
      '/services/new',
      `/services/${serviceId}`,
      `/services/${serviceId}/edit`,
      '/incidents',
      '/incidents/new',
      '/monitors',
      '/monitors/new',
      `/monitors/${httpMonitorId}`,
      `/monitors/${pushMonitorId}`,
      '/maintenance',
      '/maintenance/new',
      '/sla-report',
      `/municipalities/${tenantId}/sla-reports/2026-10`,
      `/municipalities/${tenantId}/sla-reports/2026-10?view=live`,
      `/municipalities/${tenantId}/costs`,
      '/billing/forecast',
      '/account',
      '/accessibility',
      '/no-such-page',
    ]);
  }, SWEEP_TIMEOUT);

  it('for a municipality’s administrator', async () => {
    await sweep('admin@cesis.lv', ({ tenantId, serviceId, httpMonitorId }) => [
      '/',
      `/municipalities/${tenantId}`,
      '/tickets',
      '/tickets/new',
      '/calendars/lv',
      `/municipalities/${tenantId}/desk-report/2026-10`,
      `/municipalities/${tenantId}/status`,
      `/services/${serviceId}`,
      '/monitors',
      `/monitors/${httpMonitorId}`,
      `/municipalities/${tenantId}/sla-reports/2026-10`,
      `/municipalities/${tenantId}/costs`,
      '/status',
      '/tokens',
      '/audit',
      '/account',
    ]);
  }, SWEEP_TIMEOUT);

  it('for the agency’s finance officer', async () => {
    // A draft run for October (the demo has no usage yet, so its statements are empty or it has problems).
    const page = await world.open();
    await logIn(page, 'finanses@rda.lv');
    const runId = await page.evaluate(async () => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const response = await fetch('/api/v1/billing-runs', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken as string }, body: JSON.stringify({ month: '2026-10' }) });
      if (!response.ok) throw new Error(`billing run: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    });
    await page.context().close();
    await sweep('finanses@rda.lv', ({ tenantId }) => [
      '/',
      '/billing/runs',
      `/billing/runs/${runId}`,
      '/billing/invoices',
      '/billing/tariffs',
      '/billing/cost-pools',
      '/billing/forecast',
      '/billing/usage',
      '/billing/seller',
      `/municipalities/${tenantId}/costs`,
    ]);
  }, SWEEP_TIMEOUT);

  it('for someone setting up a second factor and signing in with it, in English', async () => {
    const page = await world.open();
    await page.goto('/login');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('E-mail address').fill('admin@valmiera.lv');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up a second factor', level: 1 }).waitFor();
    await expectAccessible(page, 'en /enrol');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    await page.getByLabel('Code from the authenticator app').fill('000000');
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await page.getByText('is not the code the authenticator app shows now').first().waitFor();
    await expectAccessible(page, 'en /enrol with a wrong code');
    await page.getByLabel('Code from the authenticator app').fill(totpAt(secret, new Date()));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
    await expectAccessible(page, 'en recovery codes');
    await page.getByLabel('I have saved the recovery codes somewhere safe').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByLabel('E-mail address').fill('admin@valmiera.lv');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code from the authenticator app').waitFor();
    await expectAccessible(page, 'en second-factor step');
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await expectAccessible(page, 'en second-factor step, recovery code');
    await page.context().close();
  });

  it('for a visitor who is not signed in (the public status page)', async () => {
    const page = await world.open();
    for (const language of ['lv', 'en'] as const) {
      await page.goto('/status');
      if (language === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: language === 'lv' ? 'Pakalpojumu statuss' : 'Service status' }).waitFor();
      await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
      await expectAccessible(page, `anonymous ${language} /status`);
    }
    // An invitation link (this one unknown, so the page also shows its refusal) in both languages.
    for (const language of ['en', 'lv'] as const) {
      await page.goto('/invitation#an-invitation-link-that-does-not-exist');
      await page.getByRole('heading', { level: 1, name: language === 'lv' ? 'Pievienoties Kopai' : 'Join Kopa' }).waitFor();
      await expectAccessible(page, `anonymous ${language} /invitation`);
      await page.getByLabel(language === 'lv' ? 'Jaunā parole' : 'New password').fill('pietiekami-gara-parole');
      await page.getByRole('button', { name: language === 'lv' ? 'Izveidot kontu' : 'Create account' }).click();
      await page.getByRole('alert').waitFor();
      await expectAccessible(page, `anonymous ${language} /invitation refused`);
      if (language === 'en') await page.getByRole('button', { name: 'Latviešu' }).click();
    }
    await page.context().close();
  });
});

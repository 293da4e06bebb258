import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium } from '../support/browser.js';
import { expectAccessible, journeyWorld, logIn } from './support.js';

// The monitoring journey: an operator adds an HTTP monitor against a server this test runs,
// the in-server prober checks it, the test stops that server, and the outage shows on the
// public status page and in the municipality's monthly report.
describe.runIf(hasChromium)('an outage from monitor to status page and report', () => {
  const world = journeyWorld('pglite', { prober: true });
  let target: Server;
  let targetUrl: string;

  beforeAll(async () => {
    target = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Dokumentu vadības sistēma darbojas</h1>'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    target.closeAllConnections();
    target.close();
  });

  const healthOf = (page: Page) => page.evaluate(async () => ((await (await fetch('/api/v1/monitors/health')).json()).items) as { monitorId: string; state: string }[]);

  it('shows the outage where people look for it', async () => {
    const operator = await world.open();
    await logIn(operator, 'operators@rda.lv');
    const dvs = await operator.evaluate(async () => (((await (await fetch('/api/v1/services')).json()).items) as { id: string; code: string }[]).find((s) => s.code === 'DVS')!.id);

    await operator.goto('/monitors/new');
    await operator.getByRole('heading', { name: 'Jauns monitors', level: 1 }).waitFor();
    await expectAccessible(operator, 'new monitor form');
    await operator.locator('#monitor-serviceId').selectOption(dvs);
    await operator.locator('#monitor-name').fill('DVS portāls (e2e)');
    await operator.locator('#monitor-type-http').check();
    await operator.locator('#monitor-target').fill(targetUrl);
    await operator.locator('#monitor-intervalSeconds').fill('10');
    await operator.locator('#monitor-failuresToConfirm').fill('2');
    await operator.locator('#monitor-critical').check();
    await operator.getByRole('button', { name: 'Pievienot monitoru' }).click();
    await operator.getByText('Monitors pievienots; pārbaudes sāksies nākamajā intervālā.').waitFor();
    const monitorId = await operator.evaluate(async () => (((await (await fetch('/api/v1/monitors')).json()).items) as { id: string; name: string }[]).find((m) => m.name === 'DVS portāls (e2e)')!.id);

    // The in-server prober picks it up within a second and checks it on its next slot.
    await expect.poll(async () => (await healthOf(operator)).find((h) => h.monitorId === monitorId)?.state, { timeout: 30_000, interval: 1000 }).toBe('up');
    await operator.goto('/monitors');
    await operator.getByRole('heading', { name: 'Uzraudzība', level: 1 }).waitFor();
    await expectAccessible(operator, 'monitors list');
    // The server finds it: search, state and order travel in the address.
    await operator.getByLabel('Nosaukums vai adrese').fill('(e2e)');
    await operator.getByLabel('Stāvoklis').selectOption('up');
    await operator.getByRole('button', { name: 'Atlasīt' }).click();
    await operator.getByText('Parādīts 1 monitors.').waitFor();
    expect(await operator.locator('table tbody tr').count()).toBe(1);
    expect(new URL(operator.url()).searchParams.get('state')).toBe('up');
    await operator.getByRole('link', { name: 'DVS portāls (e2e)' }).waitFor();
    await expectAccessible(operator, 'monitors list, filtered');

    target.closeAllConnections();
    await new Promise((resolve) => target.close(resolve));
    // Two failed checks ten seconds apart confirm the outage.
    await expect.poll(async () => (await healthOf(operator)).find((h) => h.monitorId === monitorId)?.state, { timeout: 45_000, interval: 1000 }).toBe('down');

    const visitor = await world.open();
    await visitor.goto('/status');
    await visitor.getByRole('heading', { name: 'Pakalpojumu statuss', level: 1 }).waitFor();
    await visitor.getByText('Vismaz viens pakalpojums nedarbojas').first().waitFor();
    const dvsItem = visitor.locator('li.service-status', { hasText: 'DVS' });
    await expect.poll(() => dvsItem.textContent()).toContain('Nedarbojas');
    await expectAccessible(visitor, 'public status page during an outage');

    const cesis = await operator.evaluate(async () => (((await (await fetch('/api/v1/tenants')).json()).items) as { id: string; name: string }[]).find((t) => t.name.startsWith('Cēsu'))!.id);
    const month = new Date().toISOString().slice(0, 7);
    const report = await operator.evaluate(async ([id, m]) => (await fetch(`/api/v1/tenants/${id}/sla-reports/${m}`)).json(), [cesis, month] as const);
    const dvsLine = report.services.find((s: { serviceCode: string }) => s.serviceCode === 'DVS');
    expect(dvsLine.outages).toHaveLength(1);
    expect(dvsLine.downSeconds).toBeGreaterThan(0);
    await operator.goto(`/municipalities/${cesis}/sla-reports/${month}`);
    await operator.getByRole('heading', { level: 1 }).first().waitFor();
    await operator.getByText('DVS').first().waitFor();
    await expectAccessible(operator, 'SLA report with an outage');

    // The operator excludes the outage as a probe fault, then finds it was real and withdraws that.
    const downSeconds = async () => (await operator.evaluate(async ([id, m]) => (await fetch(`/api/v1/tenants/${id}/sla-reports/${m}?live=true`)).json(), [cesis, month] as const)).services.find((s: { serviceCode: string }) => s.serviceCode === 'DVS').downSeconds as number;
    const before = await downSeconds();
    await operator.getByRole('button', { name: /^Izslēgt no SLA/ }).first().click();
    const exclude = operator.getByRole('dialog');
    await exclude.getByLabel('Iemesls').fill('Šķita zondes kļūme');
    await exclude.getByRole('button', { name: 'Izslēgt no SLA' }).click();
    await operator.getByText('Dīkstāve izslēgta no SLA; pārskats pārrēķināts.').waitFor();
    expect(await downSeconds()).toBeLessThan(before);
    await operator.getByRole('button', { name: /^Atsaukt/ }).click();
    const withdraw = operator.getByRole('dialog');
    await expectAccessible(operator, 'withdrawing an exclusion');
    await withdraw.getByRole('button', { name: 'Atsaukt izslēgšanu' }).click();
    await withdraw.getByText('Norādiet, kāpēc izslēgšana tiek atsaukta.').first().waitFor();
    await withdraw.getByLabel('Kāpēc izslēgšana tiek atsaukta').fill('Serveris tiešām nebija pieejams');
    await withdraw.getByRole('button', { name: 'Atsaukt izslēgšanu' }).click();
    await operator.getByText('Izslēgšana atsaukta; pārskats pārrēķināts.').waitFor();
    // Back to at least the downtime before the exclusion (the outage may still be going on).
    expect(await downSeconds()).toBeGreaterThanOrEqual(before);
    await visitor.context().close();
    await operator.context().close();
  });
});

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runBrowserJourneys } from '../support/browser.js';
import { expectAccessible, journeyWorld, logIn } from './support.js';

// The monitoring journey: an operator adds an HTTP monitor against a server this test runs,
// the in-server prober checks it, the test stops that server, and the outage shows on the
// public status page; the server comes back, and the monthly report (for the Riga month) shows the
// outage exactly as DESIGN.md's definition gives it from the raw probe results, excluded and restored.
describe.runIf(runBrowserJourneys)('an outage from monitor to status page and report', () => {
  const world = journeyWorld('pglite', { prober: true });
  let target: Server;
  let targetUrl: string;
  let port: number;
  const page = (_req: unknown, res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Dokumentu vadības sistēma darbojas</h1>');

  beforeAll(async () => {
    target = createServer(page);
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    port = (target.address() as AddressInfo).port;
    targetUrl = `http://127.0.0.1:${port}/`;
  });
  afterAll(async () => {
    target.closeAllConnections();
    target.close();
  });

  /** The outage by DESIGN.md's definition, from the monitor's stored results (not from the report). */
  async function outageFromResults(monitorId: string, intervalSeconds: number, failuresToConfirm: number): Promise<{ start: string; end: string; seconds: number }[]> {
    const { rows } = await sql<{ at: Date; ok: boolean }>`SELECT at, ok FROM probe_results WHERE monitor_id = ${monitorId} ORDER BY at`.execute(world.server().runtime.db.kysely);
    const at = rows.map((r) => new Date(r.at).getTime());
    // Result i covers [at_i, min(at_i+1, at_i + 3 × interval)); a run of at least `failuresToConfirm` failures is down.
    const covers = (i: number) => Math.min(at[i + 1] ?? Infinity, at[i]! + 3 * intervalSeconds * 1000);
    const outages: { start: string; end: string; seconds: number }[] = [];
    for (let i = 0; i < rows.length; ) {
      if (rows[i]!.ok) { i++; continue; }
      let j = i;
      while (j + 1 < rows.length && !rows[j + 1]!.ok) j++;
      if (j - i + 1 >= failuresToConfirm) {
        let ms = 0;
        for (let k = i; k <= j; k++) ms += covers(k) - at[k]!;
        outages.push({ start: new Date(at[i]!).toISOString(), end: new Date(covers(j)).toISOString(), seconds: ms / 1000 });
      }
      i = j + 1;
    }
    return outages;
  }

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
    // Opened by its address, the page asks for its list while the session is still being checked,
    // and not for its rows' states, which the list brought (ADR 0025); the sparklines come after.
    const traffic: string[] = [];
    const path = (url: string) => new URL(url).pathname;
    const onRequest = (r: { url(): string }) => void traffic.push(`ask ${path(r.url())}`);
    const onResponse = (r: { url(): string }) => void traffic.push(`answer ${path(r.url())}`);
    operator.on('request', onRequest);
    operator.on('response', onResponse);
    const sparklines = operator.waitForResponse((r) => path(r.url()) === '/api/v1/monitors/latency');
    await operator.goto('/monitors');
    await operator.getByRole('heading', { name: 'Uzraudzība', level: 1 }).waitFor();
    await sparklines;
    operator.off('request', onRequest);
    operator.off('response', onResponse);
    expect(traffic.indexOf('ask /api/v1/monitors')).toBeGreaterThan(-1);
    expect(traffic.indexOf('ask /api/v1/monitors')).toBeLessThan(traffic.indexOf('answer /api/v1/session'));
    expect(traffic.filter((x) => x === 'ask /api/v1/monitors')).toHaveLength(1);
    expect(traffic).not.toContain('ask /api/v1/monitors/health');
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
    // The list left open refreshes the states by itself (every minute, and when the tab is shown
    // again — shown here, not waited for) and says which monitor changed, without a reload.
    await operator.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await operator.locator('table tbody tr', { hasText: 'DVS portāls (e2e)' }).getByText('Nedarbojas').waitFor();
    await operator.getByRole('status').filter({ hasText: 'Monitoru stāvoklis atjaunināts. DVS portāls (e2e): Nedarbojas.' }).waitFor();

    const visitor = await world.open();
    await visitor.goto('/status');
    await visitor.getByRole('heading', { name: 'Pakalpojumu statuss', level: 1 }).waitFor();
    await visitor.getByText('Vismaz viens pakalpojums nedarbojas').first().waitFor();
    const dvsItem = visitor.locator('li.service-status', { hasText: 'DVS' });
    await expect.poll(() => dvsItem.textContent()).toContain('Nedarbojas');
    await expectAccessible(visitor, 'public status page during an outage');

    // The server comes back on its port; the next check ends the outage, so its length is fixed.
    target = createServer(page);
    await new Promise<void>((resolve) => target.listen(port, '127.0.0.1', resolve));
    await expect.poll(async () => (await healthOf(operator)).find((h) => h.monitorId === monitorId)?.state, { timeout: 45_000, interval: 1000 }).toBe('up');
    const expected = await outageFromResults(monitorId, 10, 2);
    expect(expected).toHaveLength(1);
    const [outage] = expected;
    // The month is Riga's (DESIGN.md), not UTC's: from 21:00/22:00 UTC on a month's last day they differ.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit' }).format(new Date(outage!.start)).slice(0, 7);

    const cesis = await operator.evaluate(async () => (((await (await fetch('/api/v1/tenants')).json()).items) as { id: string; name: string }[]).find((t) => t.name.startsWith('Cēsu'))!.id);
    const dvsOf = async () => (await operator.evaluate(async ([id, m]) => (await fetch(`/api/v1/tenants/${id}/sla-reports/${m}?live=true`)).json(), [cesis, month] as const)).services.find((s: { serviceCode: string }) => s.serviceCode === 'DVS') as { downSeconds: number; excludedSeconds: number; outages: { start: string; end: string; seconds: number; excludedSeconds: number }[] };
    const before = await dvsOf();
    expect(before.outages).toEqual([{ ...outage, excludedSeconds: 0, exclusionIds: [] }]);
    expect(before).toMatchObject({ downSeconds: outage!.seconds, excludedSeconds: 0 });
    await operator.goto(`/municipalities/${cesis}/sla-reports/${month}`);
    await operator.getByRole('heading', { level: 1 }).first().waitFor();
    await operator.getByText('DVS').first().waitFor();
    await expectAccessible(operator, 'SLA report with an outage');

    // The operator excludes the outage as a probe fault: all of it moves from down to excluded …
    await operator.getByRole('button', { name: /^Izslēgt no SLA/ }).first().click();
    const exclude = operator.getByRole('dialog');
    await exclude.getByLabel('Iemesls').fill('Šķita zondes kļūme');
    await exclude.getByRole('button', { name: 'Izslēgt no SLA' }).click();
    await operator.getByText('Dīkstāve izslēgta no SLA; pārskats pārrēķināts.').waitFor();
    expect(await dvsOf()).toMatchObject({ downSeconds: 0, excludedSeconds: outage!.seconds, outages: [{ ...outage, excludedSeconds: outage!.seconds }] });
    // … then finds it was real and withdraws that: back to exactly the figures before.
    await operator.getByRole('button', { name: /^Atsaukt/ }).click();
    const withdraw = operator.getByRole('dialog');
    await expectAccessible(operator, 'withdrawing an exclusion');
    await withdraw.getByRole('button', { name: 'Atsaukt izslēgšanu' }).click();
    await withdraw.getByText('Norādiet, kāpēc izslēgšana tiek atsaukta.').first().waitFor();
    await withdraw.getByLabel('Kāpēc izslēgšana tiek atsaukta').fill('Serveris tiešām nebija pieejams');
    await withdraw.getByRole('button', { name: 'Atsaukt izslēgšanu' }).click();
    await operator.getByText('Izslēgšana atsaukta; pārskats pārrēķināts.').waitFor();
    expect(await dvsOf()).toMatchObject({ downSeconds: outage!.seconds, excludedSeconds: 0, outages: [{ ...outage, excludedSeconds: 0, exclusionIds: [] }] });
    await visitor.context().close();
    await operator.context().close();
    // Its polls alone may wait up to two minutes (the prober's slots), more than the project's default.
  }, 240_000);
});

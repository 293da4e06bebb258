import { describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { expectAccessible, journeyWorld, logIn } from './support.js';

// A monitor's page: the operator switches between 24 hours and 7, 30, 90 days; the range is kept in
// the address, the uptime, the state changes and the latency chart are those of the range, and the
// state now says why it is unknown.
describe.runIf(runBrowserJourneys)('a monitor’s availability ranges', () => {
  const world = journeyWorld('pglite');

  it('shows uptime and state changes per range, and why the state is unknown', async () => {
    const page = await world.open();
    await logIn(page, 'operators@rda.lv');
    // A monitor that reported every 5 minutes from 3 hours ago to 1 hour ago, failing for the middle 30 minutes;
    // it answered in 100 ms, once in 1,200 ms.
    const id = await page.evaluate(async () => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const json = { 'content-type': 'application/json', 'X-CSRF-Token': csrfToken as string };
      const services = (await (await fetch('/api/v1/services')).json()).items as { id: string; code: string }[];
      const body = { serviceId: services.find((s) => s.code === 'DVS')!.id, name: 'Diapazonu pārbaude', type: 'http', target: 'https://dvs.example.lv/', intervalSeconds: 300, failuresToConfirm: 2, locations: ['lvrtc'] };
      const created = await fetch('/api/v1/monitors', { method: 'POST', headers: json, body: JSON.stringify(body) });
      if (!created.ok) throw new Error(`monitor: ${created.status} ${await created.text()}`);
      const monitor = await created.json();
      const now = Math.floor(Date.now() / 300_000) * 300_000;
      const results = Array.from({ length: 24 }, (_, i) => ({ at: new Date(now - 3 * 3_600_000 + i * 300_000).toISOString(), ok: i < 9 || i >= 15, location: 'lvrtc', latencyMs: i === 20 ? 1200 : 100 }));
      const sent = await fetch(`/api/v1/monitors/${monitor.id}/results`, { method: 'POST', headers: json, body: JSON.stringify({ results }) });
      if (!sent.ok) throw new Error(`results: ${sent.status} ${await sent.text()}`);
      return monitor.id as string;
    });

    await page.goto(`/monitors/${id}`);
    await page.getByRole('heading', { name: 'Pieejamība un stāvokļa maiņas', level: 2 }).waitFor();
    // Silent for an hour: unknown, with the reason in words.
    await page.getByText(/Nav rezultātu no lvrtc kopš/).waitFor();
    await page.getByText('Pieejamība, 24 stundas').waitFor();
    const changes = page.getByRole('table', { name: /Diapazonu pārbaude: stāvokļa maiņas, 24 stundas/ });
    await changes.waitFor();
    // Newest first: unknown (ongoing), up, down (30 min), up, unknown before the first result.
    const states = await changes.locator('tbody th').allInnerTexts();
    expect(states.map((s) => s.replace(/^\W+/, '').trim())).toEqual(['Nav zināms', 'Darbojas', 'Nedarbojas', 'Darbojas', 'Nav zināms']);
    await expect(changes.locator('tbody tr').nth(2).locator('td').last().innerText()).resolves.toBe('30 min');
    await expectAccessible(page, 'monitor page, 24 hours');

    // Two more checks, at noon four and two Riga days ago, leave one quiet day between them.
    await page.evaluate(async (monitorId) => {
      const { csrfToken } = await (await fetch('/api/v1/session')).json();
      const rigaDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date(Date.now() - 4 * 86_400_000));
      const noon = (days: number) => new Date(Date.parse(`${rigaDate}T10:00:00Z`) + days * 86_400_000).toISOString();
      const results = [0, 2].map((days) => ({ at: noon(days), ok: true, location: 'lvrtc', latencyMs: 100 }));
      const sent = await fetch(`/api/v1/monitors/${monitorId}/results`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-CSRF-Token': csrfToken as string }, body: JSON.stringify({ results }) });
      if (!sent.ok) throw new Error(`results: ${sent.status} ${await sent.text()}`);
    }, id);

    const week = page.getByRole('button', { name: '7 dienas' });
    await week.click();
    await page.getByText('Pieejamība, 7 dienas').waitFor();
    expect(new URL(page.url()).searchParams.get('range')).toBe('7d');
    expect(await week.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('table', { name: /stāvokļa maiņas, 7 dienas/ }).waitFor();
    // The latency chart follows the range: 30 days are drawn per Riga day, from the day 30 days ago to today.
    await page.getByRole('heading', { name: 'Atbildes laiks, 7 dienas', level: 2 }).waitFor();
    await page.getByRole('button', { name: '30 dienas' }).click();
    await page.getByRole('heading', { name: 'Atbildes laiks, 30 dienas', level: 2 }).waitFor();
    const chart = page.getByRole('figure', { name: 'Diapazonu pārbaude: atbildes laiks un kļūdas, 30 dienas' });
    await chart.getByText(/maks\. 1\u00a0200 ms, 6 kļūdas \(periods: 30 dienas\)/).waitFor();
    await chart.getByText('Rādīt skaitļus (tabula)').click();
    const figures = chart.getByRole('table', { name: 'Atbildes laiks un kļūdas, 30 dienas' });
    expect(await figures.locator('thead th').first().innerText()).toBe('Diena');
    const rigaDay = (ms: number) => new Intl.DateTimeFormat('lv-LV', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Riga' }).format(new Date(ms));
    const rows = await figures.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
    // The first row is the quiet stretch from the day the range starts in; the days with checks add up to the 26 results.
    expect(rows[0]![0]!.startsWith(rigaDay(Date.now() - 30 * 86_400_000))).toBe(true);
    expect(rows[0]![0]).toContain(' – ');
    expect(rows[0]![1]).toBe('nav pārbaužu');
    expect(rows.filter((r) => r.length > 2).reduce((n, r) => n + Number(r[1]), 0)).toBe(26);
    // The quiet day between the two older checks is one day on its own, not "3.12. – 3.12.".
    const noonFourDaysAgo = Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date(Date.now() - 4 * 86_400_000))}T10:00:00Z`);
    const quietDay = rows.findIndex((r) => r[0] === rigaDay(noonFourDaysAgo)) + 1;
    expect(quietDay).toBeGreaterThan(0);
    expect(rows[quietDay]).toEqual([rigaDay(noonFourDaysAgo + 86_400_000), 'nav pārbaužu']);
    // The last row reaches today: a day with checks, or (just after midnight) a quiet today of its own.
    expect(rows.at(-1)![0]!.endsWith(rigaDay(Date.now()))).toBe(true);
    await expectAccessible(page, 'monitor page, 30 days');
    // The address keeps the range: reloading shows 90 days when asked for them.
    await page.goto(`/monitors/${id}?range=90d`);
    await page.getByText('Pieejamība, 90 dienas').waitFor();
    expect(await page.getByRole('button', { name: '90 dienas' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(page, 'monitor page, 90 days');
    await page.getByRole('heading', { name: 'Atbildes laiks, 90 dienas', level: 2 }).waitFor();
  }, 120_000);
});

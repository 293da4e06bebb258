import { expect, it, describe } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { expectAccessible, journeyWorld, logIn } from './support.js';

/** The second Tuesday of next month (Riga calendar), as YYYY-MM-DD: always ahead, within the schedule's eight weeks. */
function secondTuesdayOfNextMonth(): string {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const day = 1 + ((2 - first.getUTCDay() + 7) % 7) + 7;
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), day)).toISOString().slice(0, 10);
}
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// The maintenance journey: an operator plans a monthly series with the recurrence picker, changes
// one occurrence, and cancels it with a reason through the confirmation dialog — on a phone-wide screen too.
describe.runIf(runBrowserJourneys)('maintenance from plan to cancellation', () => {
  const world = journeyWorld('pglite');

  it('plans a recurring window, edits one occurrence and cancels it with a reason', async () => {
    const page = await world.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, 'operators@rda.lv');
    const date = secondTuesdayOfNextMonth();

    await page.goto('/maintenance/new');
    await page.getByRole('heading', { name: 'Paziņot par apkopi', level: 1 }).waitFor();
    await page.getByLabel('Nosaukums').fill('Datubāzes apkope');
    await page.getByLabel('Dokumentu vadības sistēma').check();
    await page.getByLabel('Sākums').fill(`${date}T22:00`);
    await page.getByLabel('Beigas').fill(`${nextDay(date)}T01:00`);
    await page.getByLabel('Atkārtot').selectOption('monthly');
    // The picker starts on the chosen start: the second Tuesday.
    expect(await page.getByLabel('Kurā mēneša').inputValue()).toBe('2');
    expect(await page.getByLabel('Nedēļas diena').inputValue()).toBe('TU');
    await page.getByLabel('Reižu skaits').fill('3');
    await expectAccessible(page, 'new maintenance with recurrence');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Paziņot', exact: true }).click();
    await page.getByText('Apkope „Datubāzes apkope” paziņota.').waitFor();

    const windows = await page.evaluate(async () => ((await (await fetch('/api/v1/maintenance-windows?from=2026-01-01T00:00:00Z&to=2030-01-01T00:00:00Z&limit=200')).json()).items) as { id: string; title: string; startsAt: string; seriesId: string | null }[]);
    const series = windows.filter((w) => w.title === 'Datubāzes apkope');
    expect(series).toHaveLength(3);
    expect(new Set(series.map((w) => w.seriesId)).size).toBe(1);
    for (const w of series) expect(new Date(w.startsAt).toLocaleString('en-GB', { timeZone: 'Europe/Riga', hour: '2-digit', minute: '2-digit', weekday: 'short' })).toBe('Tue 22:00');

    const card = page.locator('li.maintenance-item', { hasText: 'Datubāzes apkope' }).first();
    await card.getByText('Atkārtojas').waitFor();
    await expectAccessible(page, 'maintenance schedule');
    await card.locator('a', { hasText: 'Labot' }).click();
    await page.getByRole('heading', { name: 'Labot apkopi', level: 1 }).waitFor();
    await expectAccessible(page, 'edit maintenance');
    await page.getByLabel('Nosaukums').fill('Datubāzes apkope (pārcelta)');
    await page.getByRole('button', { name: 'Saglabāt izmaiņas' }).click();
    await page.getByText('Apkope „Datubāzes apkope (pārcelta)” mainīta.').waitFor();

    const changed = page.locator('li.maintenance-item', { hasText: 'Datubāzes apkope (pārcelta)' });
    await changed.locator('button.button-danger', { hasText: 'Atcelt apkopi: Datubāzes apkope (pārcelta)' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Atcelt apkopi „Datubāzes apkope (pārcelta)”?' });
    await dialog.waitFor();
    await expectAccessible(page, 'cancel dialog');
    // No reason: the dialog stays open and says what is missing.
    await dialog.getByRole('button', { name: 'Atcelt apkopi' }).click();
    await dialog.getByText('Norādiet atcelšanas iemeslu.').first().waitFor();
    await dialog.getByLabel('Iemesls').fill('Piegādātājs pārcēla atjauninājumu');
    await dialog.getByLabel('Tikai šo reizi').check();
    await dialog.getByRole('button', { name: 'Atcelt apkopi' }).click();
    await page.getByRole('status').filter({ hasText: 'Apkope „Datubāzes apkope (pārcelta)” atcelta.' }).waitFor();
    await changed.getByText('Piegādātājs pārcēla atjauninājumu').waitFor();
    await expect(changed.getByText('Atcelta', { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(changed.locator('button', { hasText: 'Atcelt apkopi' }).count()).resolves.toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

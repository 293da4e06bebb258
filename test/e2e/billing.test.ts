import { unzipSync } from 'fflate';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBrowserJourneys } from '../support/browser.js';
import { BACKENDS } from '../support/database.js';
import { expectAccessible, journeyWorld, logIn, logOut, openFromMenu } from './support.js';

// The journey's inputs; every figure the UI must show is derived from these, never read from the UI.
const VCPU_HOURS = 744;
const PRICE_MILLIEUROS = 45; // 0,045 EUR per vCPU hour
const ACTIVE_USERS = 412;
const POOL_CENTS = 120_000; // 1 200,00 EUR

/** Integer cents as the Latvian UI writes money: "1 233,48 EUR" (spaces normalised). */
function lvMoney(cents: number): string {
  const euros = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${euros},${String(cents % 100).padStart(2, '0')} EUR`;
}

/** Milli-euros (tenths of a cent) rounded half up to cents: hosting = round_half_up(quantity × price, 2). */
const halfUp = (milliEuros: number) => Math.floor((milliEuros + 5) / 10);
const HOSTING_CENTS = halfUp(VCPU_HOURS * PRICE_MILLIEUROS);

const text = (cells: string[]) => cells.map((c) => c.replace(/\u00a0/g, ' ').trim());

// The billing journey in real Chromium against the real server (October 2026 has ended): finance
// adds a tariff and a cost pool, imports a provider's usage CSV, computes October, finalises it and
// looks at the five-year forecast; Cēsis' administrator then downloads the invoice's PDF and reads
// its costs by resource and its usage over time.
describe.runIf(runBrowserJourneys).each(BACKENDS)('billing a month in the browser on %s', (backend) => {
  const world = journeyWorld(backend);
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kopa-billing-e2e-'));
  });
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('finance imports usage, finalises October and forecasts; the municipality downloads its invoice and reads its costs', async () => {
    const page = await world.open();
    await logIn(page, 'finanses@rda.lv');
    const cesisRecord = await page.evaluate(async () => {
      const tenants: { id: string; name: string; registrationNumber: string }[] = (await (await fetch('/api/v1/tenants')).json()).items;
      return tenants.find((t) => t.name.startsWith('Cēsu'))!;
    });
    const cesisId = cesisRecord.id;

    // A tariff for vCPU hours at LVRTC.
    await openFromMenu(page, 'Norēķini', 'Tarifi');
    await page.getByRole('heading', { name: 'Tarifi', level: 1 }).waitFor();
    await page.locator('#tariff-provider').selectOption('LVRTC');
    await page.locator('#tariff-resource').selectOption('vcpu_hour');
    await page.locator('#tariff-unitPrice').fill(`0,${String(PRICE_MILLIEUROS).padStart(3, '0')}`);
    await page.locator('#tariff-validFrom').fill('2026-01-01');
    await page.getByRole('button', { name: 'Pievienot tarifu' }).click();
    await page.getByRole('status').filter({ hasText: 'Tarifs resursam' }).waitFor();
    await page.getByRole('cell', { name: /0,045 EUR/ }).waitFor();
    await expectAccessible(page, 'tariffs');

    // October's administration pool, split by active users.
    await openFromMenu(page, 'Norēķini', 'Izmaksu fondi');
    await page.getByRole('heading', { name: 'Izmaksu fondi', level: 1 }).waitFor();
    await page.locator('#pool-month').fill('2026-10');
    await page.locator('#pool-amount').fill(`${POOL_CENTS / 100}.00`);
    await page.locator('#pool-description').fill('Platformas administrēšana, oktobris');
    await page.getByLabel('Apraksts angliski').fill('Platform administration, October');
    await page.getByRole('button', { name: 'Pievienot izmaksu fondu' }).click();
    await page.getByRole('cell', { name: lvMoney(POOL_CENTS) }).waitFor();
    // The Latvian interface shows the Latvian description, the English variant only in English.
    await page.getByRole('cell', { name: 'Platformas administrēšana, oktobris', exact: true }).waitFor();
    await expectAccessible(page, 'cost pools');
    // A pool typed wrong is corrected, another one entered by mistake is removed; October keeps 1 200,00.
    await page.locator('#pool-amount').fill('99.00');
    await page.locator('#pool-description').fill('Kļūdains fonds');
    await page.getByRole('button', { name: 'Pievienot izmaksu fondu' }).click();
    await page.getByRole('cell', { name: lvMoney(9_900) }).waitFor();
    await page.getByRole('button', { name: 'Labot — Kļūdains fonds' }).click();
    await page.getByRole('heading', { name: 'Labot fondu “Kļūdains fonds” (2026-10)' }).waitFor();
    await page.locator('#pool-amount').fill('98.50');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await page.getByText('Fonds “Kļūdains fonds” (2026-10) saglabāts.').waitFor();
    await page.getByRole('cell', { name: lvMoney(9_850) }).waitFor();
    await page.getByRole('button', { name: 'Dzēst — Kļūdains fonds' }).click();
    await expectAccessible(page, 'removing a cost pool');
    await page.getByRole('dialog').getByRole('button', { name: 'Dzēst' }).click();
    await page.getByText('Fonds “Kļūdains fonds” (2026-10) dzēsts.').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'Kļūdains fonds' }).count()).toBe(0);

    // The provider's report, semicolon-separated as a spreadsheet in Latvian saves it: two good rows for
    // Cēsis (the first naming it by registration number, as `kopa usage import` accepts) and one with a
    // negative quantity.
    const csv = [
      'id;registrationNumber;provider;resource;quantity;periodStart;periodEnd',
      `e2e-lvrtc-2026-10-vcpu;${cesisRecord.registrationNumber};LVRTC;vcpu_hour;${VCPU_HOURS};2026-10-01T00:00:00+03:00;2026-11-01T00:00:00+02:00`,
      `e2e-lvrtc-2026-10-users;${cesisId};LVRTC;active_users;${ACTIVE_USERS};2026-10-31T00:00:00+02:00;2026-11-01T00:00:00+02:00`,
      `e2e-lvrtc-2026-10-bad;${cesisId};LVRTC;vcpu_hour;-5;2026-10-01T00:00:00+03:00;2026-11-01T00:00:00+02:00`,
    ].join('\n');
    const file = join(folder, 'lvrtc-2026-10.csv');
    await writeFile(file, `${csv}\n`);
    await openFromMenu(page, 'Norēķini', 'Patēriņa imports');
    await page.getByRole('heading', { name: 'Patēriņa imports', level: 1 }).waitFor();
    await expectAccessible(page, 'usage import');
    await page.locator('#usage-file').setInputFiles(file);
    await page.getByRole('button', { name: 'Augšupielādēt' }).click();
    await page.getByRole('heading', { name: 'Importa rezultāts: lvrtc-2026-10.csv' }).waitFor();
    const summary = page.locator('section[aria-labelledby="usage-summary-title"]');
    await expect.poll(() => summary.locator('dd').allTextContents()).toEqual(['2', '0', '1']);
    await expect.poll(() => page.locator('#usage-progress').getAttribute('value')).toBe('3');
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Lejupielādēt noraidītās rindas (CSV)' }).click()]);
    const rejected = await readFile((await report.path())!, 'utf8');
    expect(rejected).toContain('e2e-lvrtc-2026-10-bad');
    expect(rejected).toContain('quantity');
    await expectAccessible(page, 'usage import summary');

    // October: a draft, then finalised after the confirmation.
    await openFromMenu(page, 'Norēķini', 'Norēķinu periodi');
    await page.getByRole('heading', { name: 'Norēķinu periodi', level: 1 }).waitFor();
    await page.locator('#run-month').fill('2026-10');
    await page.getByRole('button', { name: 'Aprēķināt mēnesi' }).click();
    await page.getByRole('heading', { name: 'Norēķini par 2026-10', level: 1 }).waitFor();
    const cesis = page.getByRole('heading', { name: /^Cēsu novada pašvaldība — / });
    await cesis.waitFor();
    expect(await cesis.textContent()).not.toContain('0,00 EUR');
    await expectAccessible(page, 'billing run draft');
    await page.getByRole('button', { name: 'Noslēgt un izrakstīt rēķinus' }).click();
    const dialog = page.getByRole('dialog', { name: 'Noslēgt norēķinus par 2026-10?' });
    await dialog.waitFor();
    await expectAccessible(page, 'finalise confirmation');
    await dialog.getByRole('button', { name: 'Noslēgt un izrakstīt' }).click();
    await page.locator('#finalized-title').waitFor();
    await expect.poll(() => page.locator('#finalized-title').evaluate((el) => el === document.activeElement)).toBe(true);
    const issued = await page.locator('section[aria-labelledby="finalized-title"] li').filter({ hasText: 'Cēsu novada pašvaldība' }).textContent();
    const number = /KOPA-2026-\d{5}/.exec(issued ?? '')?.[0];
    // The only municipality with a charge, on a fresh database: the series starts at 1.
    expect(number, issued ?? '').toBe('KOPA-2026-00001');
    await expectAccessible(page, 'billing run finalised');
    // Every document of the run in one ZIP: the PDF and the UBL file of the one invoice.
    const [archive] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lejupielādēt visus rēķinus (ZIP ar PDF un XML)' }).click()]);
    expect(archive.suggestedFilename()).toBe('kopa-invoices-2026-10-regular.zip');
    const zipped = unzipSync(new Uint8Array(await readFile((await archive.path())!)));
    expect(Object.keys(zipped)).toEqual([`${number}.pdf`, `${number}.xml`]);

    // The forecast starts from the finalised October. Cēsis alone reported users, so it carries the
    // whole pool today; with one newcomer a year of the same size, its share of the yearly pool
    // (12 × October's) is a half in the first year and a sixth in the fifth.
    await openFromMenu(page, 'Norēķini', 'Izmaksu prognoze');
    await page.getByRole('heading', { name: 'Izmaksu prognoze', level: 1 }).waitFor();
    await expect.poll(() => page.locator('#forecast-baseMonth').inputValue()).toBe('2026-10');
    await page.locator('#forecast-newMunicipalityUsers').fill(String(ACTIVE_USERS));
    await page.getByRole('button', { name: 'Aprēķināt prognozi' }).click();
    await page.getByText(`Katru gadu pievienojas 1 jauna pašvaldība; tās aktīvo lietotāju skaits — ${ACTIVE_USERS}.`).waitFor();
    const yearlyPool = POOL_CENTS * 12;
    const yearlyHosting = HOSTING_CENTS * 12;
    for (const [year, members] of [[2027, 2], [2031, 6]] as const) {
      const table = page.getByRole('table', { name: `Prognoze ${year}. gadam: izmaksas gadā pa pašvaldībām, EUR bez PVN` });
      const share = yearlyPool / members;
      const cesisRow = table.getByRole('row', { name: /^Cēsu novada pašvaldība/ });
      expect(text(await cesisRow.locator('td').allTextContents())).toEqual([String(ACTIVE_USERS), lvMoney(yearlyHosting), lvMoney(share), lvMoney(yearlyHosting + share)]);
      const newcomer = table.getByRole('row', { name: new RegExp(`^Jauna pašvaldība ${year}-1`) });
      expect(text(await newcomer.locator('td').allTextContents())).toEqual([String(ACTIVE_USERS), lvMoney(yearlyHosting), lvMoney(share), lvMoney(yearlyHosting + share)]);
      // However many join, the shares add up to the pool exactly.
      expect(text(await table.locator('tfoot td').allTextContents())[2]).toBe(lvMoney(yearlyPool));
    }
    await expectAccessible(page, 'forecast');
    await logOut(page);

    // Cēsis' administrator finds the invoice and downloads its PDF.
    await logIn(page, 'admin@cesis.lv');
    await openFromMenu(page, 'Pašvaldība', 'Rēķini un izmaksas');
    await page.getByRole('heading', { name: 'Rēķini un izmaksas', level: 1 }).waitFor();
    await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    await expectAccessible(page, 'municipality invoices and costs');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Lejupielādēt ${number} PDF` }).click()]);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    // The month's statement, every line explained, as a PDF of its own.
    const [statement] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lejupielādēt 2026-10 izmaksu pārskatu PDF' }).click()]);
    expect(statement.suggestedFilename()).toBe('kopa-izmaksas-2026-10.pdf');
    expect((await readFile((await statement.path())!)).subarray(0, 4).toString('latin1')).toBe('%PDF');

    // Costs by resource: October's vCPU hours priced at the tariff, and the whole pool (Cēsis alone reported users).
    const vcpuName = await page.evaluate(async () => {
      const resources: { code: string; name: string }[] = (await (await fetch('/api/v1/resources')).json()).items;
      return resources.find((r) => r.code === 'vcpu_hour')!.name;
    });
    const byResource = page.locator('section[aria-labelledby="costs-resource-title"]');
    await byResource.getByText('Rādīt summas tabulā').click();
    expect(text(await byResource.locator('thead th').allTextContents())).toEqual(['Mēnesis', `LVRTC: ${vcpuName}`, 'Administrēšana', 'Summa bez PVN']);
    const october = byResource.getByRole('row', { name: /^2026-10/ });
    expect(text(await october.locator('td').allTextContents())).toEqual([lvMoney(HOSTING_CENTS), lvMoney(POOL_CENTS), lvMoney(HOSTING_CENTS + POOL_CENTS)]);
    expect(text(await byResource.getByRole('row', { name: /^2026-09/ }).locator('td').allTextContents())).toEqual(['nav pārskata']);

    // Usage over time: the first priced resource with usage is shown first; the gauge on request.
    const usage = page.locator('section[aria-labelledby="usage-time-title"]');
    await expect.poll(() => usage.locator('#usage-resource').inputValue()).toBe('vcpu_hour');
    await usage.getByText('Rādīt daudzumus tabulā').click();
    expect(text(await usage.locator('thead th').allTextContents())).toEqual(['Mēnesis', 'LVRTC, vCPU h']);
    expect(text(await usage.getByRole('row', { name: /^2026-10/ }).locator('td').allTextContents())).toEqual([String(VCPU_HOURS)]);
    expect(text(await usage.getByRole('row', { name: /^2026-09/ }).locator('td').allTextContents())).toEqual(['—']);
    await usage.locator('#usage-resource').selectOption('active_users');
    await expect.poll(async () => text(await usage.getByRole('row', { name: /^2026-10/ }).locator('td').allTextContents())).toEqual([String(ACTIVE_USERS)]);
    await expectAccessible(page, 'municipality costs by resource and usage');

    // The statement's lines explain themselves in the UI's language and number format, and the
    // statement PDF follows the UI's language.
    const explanations = page.locator('td', { hasText: 'aktīvajiem lietotājiem' });
    expect(text(await explanations.allTextContents())).toEqual([`${ACTIVE_USERS} no ${ACTIVE_USERS} aktīvajiem lietotājiem; fonds 1 200,00 EUR`]);
    await page.getByText(`${VCPU_HOURS} vCPU h × 0,045000 EUR (LVRTC tarifs)`).first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText(`${ACTIVE_USERS} of ${ACTIVE_USERS} active users; pool 1,200.00 EUR`).first().waitFor();
    await page.getByText(`${VCPU_HOURS} vCPU h × 0.045000 EUR (LVRTC tariff)`).first().waitFor();
    const [english] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the 2026-10 statement as PDF' }).click()]);
    expect(english.suggestedFilename()).toBe('kopa-costs-2026-10.pdf');
    await page.context().close();
  });
});

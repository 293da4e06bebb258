import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { tariffOn } from '../../src/domain/billing/catalogue.js';
import { addDays } from '../../src/domain/calendar/local-time.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

// "Which tariff applied on a day" is written once in SQL (src/db/repositories/tariff-on.ts) and once
// as a pure function (tariffOn). For any non-overlapping tariff periods and any day, the database
// must pick the same tariff as the domain function — on each database.
const BASE = '2026-01-01';

/** Period boundaries as day offsets: consecutive pairs are periods, some skipped (gaps), the last maybe open. */
const periods = fc
  .record({ cuts: fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 2, maxLength: 9 }), skip: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), openEnded: fc.boolean() })
  .map(({ cuts, skip, openEnded }) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const list: { validFrom: string; validTo: string | null }[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) if (!skip[i]) list.push({ validFrom: addDays(BASE, sorted[i]!), validTo: addDays(BASE, sorted[i + 1]!) });
    if (openEnded) list.push({ validFrom: addDays(BASE, sorted[sorted.length - 1]!), validTo: null });
    return { list, cuts: sorted };
  });

describe.each(BACKENDS)('tariff on a day, SQL against the domain, on %s', (backend) => {
  let t: TestApp;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp(backend);
    await t.deps.store.run(SYSTEM, (tx) => t.deps.store.billing.resources.insert(tx, { code: 'tariff_on_probe', name: 'Probe', nameEn: null, unit: 'h', unitCode: 'HUR', kind: 'sum', billable: true }));
  });
  afterAll(() => t?.close());

  it('picks the same tariff as tariffOn for every day, at every boundary and in every gap', async () => {
    await fc.assert(
      fc.asyncProperty(periods, fc.array(fc.integer({ min: -10, max: 420 }), { maxLength: 12 }), async ({ list, cuts }, extra) => {
        const provider = `TON-${backend === 'pglite' ? 'L' : 'P'}-${n++}`;
        const stored = await t.deps.store.run(SYSTEM, async (tx) => {
          await t.deps.store.billing.providers.insert(tx, { code: provider, name: provider });
          const out = [];
          for (const [i, p] of list.entries()) out.push(await t.deps.store.billing.tariffs.insert(tx, { provider, resource: 'tariff_on_probe', unitPrice: `${i + 1}.5`, currency: 'EUR', validFrom: p.validFrom, validTo: p.validTo, createdBy: 'test' }));
          return out;
        });
        // Each boundary, the days either side of it, and some days anywhere.
        const days = [...new Set([...cuts.flatMap((c) => [c - 1, c, c + 1]), ...extra].map((d) => addDays(BASE, d)))];
        const fromSql = await t.deps.store.run(SYSTEM, async (tx) => Promise.all(days.map(async (day) => (await t.deps.store.billing.tariffs.list(tx, { provider, resource: 'tariff_on_probe', on: day })).map((x) => x.id))));
        const fromDomain = days.map((day) => {
          const hit = tariffOn(stored, provider, 'tariff_on_probe', day);
          return hit ? [hit.id] : [];
        });
        expect(fromSql.map((ids, i) => `${days[i]} ${ids.join(',')}`)).toEqual(fromDomain.map((ids, i) => `${days[i]} ${ids.join(',')}`));
      }),
      { numRuns: 40 },
    );
  });

  it('tariffOn itself: none before the first period, in a gap or after a closed end', () => {
    const tariffs = [
      { provider: 'p', resource: 'r', validFrom: '2026-01-10', validTo: '2026-02-01' },
      { provider: 'p', resource: 'r', validFrom: '2026-03-01', validTo: null },
      { provider: 'q', resource: 'r', validFrom: '2026-01-01', validTo: null },
    ];
    expect(tariffOn(tariffs, 'p', 'r', '2026-01-09')).toBeNull();
    expect(tariffOn(tariffs, 'p', 'r', '2026-01-10')).toBe(tariffs[0]);
    expect(tariffOn(tariffs, 'p', 'r', '2026-01-31')).toBe(tariffs[0]);
    expect(tariffOn(tariffs, 'p', 'r', '2026-02-01')).toBeNull();
    expect(tariffOn(tariffs, 'p', 'r', '2099-12-31')).toBe(tariffs[1]);
    expect(tariffOn(tariffs, 'p', 'x', '2026-05-05')).toBeNull();
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * `rollups.keptResults` reads each kept row's times as PostgreSQL's binary array (`array_send`) and
 * decodes them itself (ADR 0022, 2026-12-06, evening). It must answer exactly what the text form
 * it replaced answered — each time floored to epoch milliseconds by the database, in time order,
 * an outcome that is not true a failure, a NULL time left out — for any row a writer, a hand edit
 * or a restore can leave: times before 1970 and before 2000, to the microsecond (several in one
 * millisecond), in any order, and NULL elements (the table's check holds the arrays to 1–21 entries of one length).
 */
describe.each(BACKENDS)('kept results read in binary on %s', (backend) => {
  let t: TestApp;
  let monitor: string;
  const owner = (text: string, params?: unknown[]) => t.database.ownerQuery(text, params);

  /** The kept rows as the statement before this change encoded and decoded them, word for word. */
  const asText = async () =>
    ((await owner(`SELECT k.monitor_id::text AS m, k.location AS l, cardinality(k.ats) >= 21 AS full,
             (SELECT string_agg(floor(extract(epoch FROM u.at) * 1000)::bigint || CASE WHEN u.ok THEN '+' ELSE '-' END, ',' ORDER BY u.at) FROM unnest(k.ats, k.oks) AS u(at, ok)) AS results
        FROM monitor_latest_results k`)) as { m: string; l: string; full: boolean | null; results: string | null }[])
      .map((r) => ({
        monitorId: r.m,
        location: r.l,
        complete: r.full === false,
        results: r.results === null ? [] : r.results.split(',').map((x) => ({ at: Number(x.slice(0, -1)), ok: x.endsWith('+') })),
      }))
      .sort((a, b) => (a.location < b.location ? -1 : 1));

  beforeAll(async () => {
    t = await startTestApp(backend);
    const service = ((await owner('SELECT id::text AS id FROM services ORDER BY code LIMIT 1')) as { id: string }[])[0]!.id;
    monitor = ((await owner(`INSERT INTO monitors (service_id, name, type, interval_seconds, locations) VALUES ($1, 'm', 'http', 60, '{lvrtc}') RETURNING id::text AS id`, [service])) as { id: string }[])[0]!.id;
  });
  afterAll(() => t.close());

  it('answers what the text form answered, for any times and outcomes a row can hold', async () => {
    // Microseconds since 1970: a few bases (1931, 1999, 2026, 2130) and offsets down to the microsecond, so that times share milliseconds.
    const time = fc.tuple(fc.constantFrom(-1_230_000_000_000_000, 946_684_799_999_000, 1_765_000_000_000_000, 5_000_000_000_000_000), fc.integer({ min: -3_000_000, max: 3_000_000 })).map(([base, offset]) => base + offset);
    const row = fc.record({
      results: fc.uniqueArray(fc.record({ at: fc.option(time, { freq: 8 }), ok: fc.option(fc.boolean(), { freq: 6 }) }), { minLength: 1, maxLength: 21, selector: (r) => r.at }),
      order: fc.constantFrom('newest first', 'oldest first', 'as generated'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 5 }), async (rows) => {
        await owner('DELETE FROM monitor_latest_results');
        for (const [i, r] of rows.entries()) {
          const results = r.order === 'as generated' ? r.results : [...r.results].sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
          if (r.order === 'newest first') results.reverse();
          const literal = (values: (number | boolean | null)[]) => `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
          await owner(
            `INSERT INTO monitor_latest_results (monitor_id, location, ats, oks, latencies)
             VALUES ($1, $2, ARRAY(SELECT timestamptz 'epoch' + x * interval '1 microsecond' FROM unnest($3::float8[]) WITH ORDINALITY AS u(x, i) ORDER BY i), $4::boolean[], array_fill(0, ARRAY[cardinality($4::boolean[])]))`,
            [monitor, `l${i}`, literal(results.map((x) => x.at)), literal(results.map((x) => x.ok))],
          );
        }
        const { kept } = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.keptResults(tx, null));
        expect([...kept.rows.values()].sort((a, b) => (a.location < b.location ? -1 : 1))).toEqual(await asText());
      }),
      { numRuns: 60 },
    );
  });

  it('fails on an infinite time, as the text form did', async () => {
    await owner('DELETE FROM monitor_latest_results');
    await owner(`INSERT INTO monitor_latest_results (monitor_id, location, ats, oks, latencies) VALUES ($1, 'lvrtc', '{infinity}', '{t}', '{0}')`, [monitor]);
    await expect(asText()).rejects.toThrow();
    await expect(t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.keptResults(tx, null))).rejects.toThrow(/out of range/);
    await owner('DELETE FROM monitor_latest_results');
  });
});

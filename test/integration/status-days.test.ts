import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { cancelMaintenance } from '../../src/app/monitoring/cancel-maintenance.js';
import { changeMaintenance } from '../../src/app/monitoring/change-maintenance.js';
import { createMonitor, ingestProbeResults, scheduleMaintenance } from '../../src/app/monitoring/manage-monitors.js';
import { publicStatus, tenantStatus } from '../../src/app/monitoring/platform-status.js';
import { updateMonitor } from '../../src/app/monitoring/update-monitor.js';
import { sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { systemActor } from '../../src/domain/actor.js';
import type { Monitor } from '../../src/domain/monitoring/monitor.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { BACKENDS, noOlderTransactionRunning } from '../support/database.js';
import { recordingKeptResults, signIn, startTestApp, type TestApp } from '../support/app.js';
import { smtpReceiver } from '../support/smtp-receiver.js';

const HOUR = 3_600_000;
const INTERVAL = 300;
const operator = systemActor('test');

/** A fixed pseudo-random fraction per (pair, block): outages, lone failures and gaps without a seed to keep. */
const noise = (key: string, block: number) => {
  let h = 2166136261 ^ block;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
};

/** What a pair reports at a slot: ok, failing, or nothing (a gap). Blocks of 8 slots. */
function reading(key: string, at: number, intervalSeconds: number): boolean | null {
  const slot = Math.floor(at / (intervalSeconds * 1000));
  const r = noise(key, Math.floor(slot / 8));
  const inBlock = slot % 8;
  if (r < 0.12) return inBlock >= 1 + Math.floor(r * 100) % 6 ? true : false;
  if (r < 0.2) return inBlock < 2 + Math.floor(r * 100) % 5 ? null : true;
  return true;
}

/**
 * The kept days (ADR 0022) must give exactly the answer the whole computation gives, whatever
 * happens to the days they were computed from: results arriving late behind the rollup line,
 * maintenance planned, changed, cancelled and announced over settled days, monitors deactivated
 * or made critical, the Riga days of 23 and 25 hours. The expected answer is the same use case
 * with `recompute`, which reads no kept day; the scenario runs through the real use cases.
 */
describe.each(BACKENDS)('kept status days on %s', (backend) => {
  let t: TestApp;
  let now = new Date('2026-03-25T22:00:00Z');
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let cesisId: string;
  let dvsId: string;
  let gisId: string;
  let ownId: string;
  const monitors: Monitor[] = [];
  let ingestedTo = now.getTime();
  /** Results held back from one pair (an agent that was offline), delivered late. */
  const withheld = { key: '', from: Date.parse('2026-03-27T03:00:00Z'), to: Date.parse('2026-03-27T09:00:00Z') };
  /** A pair failing throughout a span, whatever the noise says. */
  const failing = { key: '', from: 0, to: 0 };
  let comparisons = 0;

  const monitor = async (fields: { serviceId: string; tenantId: string | null; name: string; critical: boolean; locations: string[]; intervalSeconds?: number; failuresToConfirm?: number }) => {
    const m = await createMonitor(t.deps, operator, { intervalSeconds: INTERVAL, failuresToConfirm: 2, ...fields, type: 'http', target: 'https://x.kopa.test/', config: {}, timeoutMs: 5000, active: true });
    monitors.push(m);
    return m;
  };

  /** Changes a monitor through the use case, and probes as it now says. */
  const change = async (name: string, changes: Parameters<typeof updateMonitor>[3]) => {
    const i = monitors.findIndex((m) => m.name === name);
    monitors[i] = await updateMonitor(t.deps, operator, monitors[i]!.id, changes);
  };

  async function deliver(m: Monitor, from: number, to: number, keep: (key: string, at: number) => boolean) {
    for (const location of m.locations) {
      const key = `${m.name}|${location}`;
      const results = [];
      // Each pair probes at its own second within the interval, as agents do.
      const every = m.intervalSeconds * 1000;
      const offset = Math.floor(noise(key, -1) * m.intervalSeconds) * 1000;
      for (let slot = Math.ceil((from - offset) / every); slot * every + offset < to; slot++) {
        const at = slot * every + offset;
        const ok = key === failing.key && at >= failing.from && at < failing.to ? false : reading(key, at, m.intervalSeconds);
        if (ok !== null && at >= from && keep(key, at)) results.push({ at: new Date(at).toISOString(), ok, location });
      }
      for (let i = 0; i < results.length; i += 5000) await ingestProbeResults(t.deps, operator, m.id, results.slice(i, i + 5000));
    }
  }

  /** Moves the clock on, results arriving on time (but the withheld ones), the rollup running as its job does. */
  async function advanceTo(instant: number, step = 6 * HOUR) {
    while (now.getTime() < instant) {
      now = new Date(Math.min(now.getTime() + step, instant));
      for (const m of monitors) await deliver(m, ingestedTo, now.getTime(), (key, at) => key !== withheld.key || at < withheld.from || at >= withheld.to);
      ingestedTo = now.getTime();
      await rollUpAvailability(t.deps);
      await same(`after the rollup at ${now.toISOString()}`);
    }
  }

  async function same(label: string, deps = t.deps) {
    comparisons++;
    // Twice: the first may compute and keep days, the second reads them.
    for (let pass = 0; pass < 2; pass++) {
      expect(await publicStatus(deps), `${label}, public, pass ${pass}`).toEqual(await publicStatus(t.deps, { recompute: true }));
      expect(await tenantStatus(deps, operator, cesisId), `${label}, Cēsis, pass ${pass}`).toEqual(await tenantStatus(t.deps, operator, cesisId, { recompute: true }));
    }
  }

  const keptDays = async (serviceId: string, audience: string) =>
    (await t.database.ownerQuery('SELECT day::text AS day FROM status_days WHERE service_id = $1 AND audience = $2 ORDER BY day', [serviceId, audience])) as { day: string }[];

  beforeAll(async () => {
    smtp = await smtpReceiver();
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv' };
    const staff = await signIn(t.app, 'operators@rda.lv');
    cesisId = ((await (await signIn(t.app, 'admin@cesis.lv')).get('/api/v1/tenants')).json().items[0].id) as string;
    const services = (await staff.get('/api/v1/services')).json().items as { id: string; code: string }[];
    dvsId = services.find((s) => s.code === 'DVS')!.id;
    gisId = services.find((s) => s.code === 'GIS')!.id;
    const own = await staff.post('/api/v1/services', { code: 'ARH', name: { lv: 'Arhīvu sistēma', en: 'Archive system' } });
    ownId = own.json().id;
    expect((await staff.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId: ownId, from: '2026-01-01', mode: 'own_instance' })).statusCode).toBe(201);
    await sendOutbox(t.deps);
    await monitor({ serviceId: dvsId, tenantId: null, name: 'DVS a', critical: true, locations: ['lvrtc', 'lnb', 'riga2'] });
    const b = await monitor({ serviceId: dvsId, tenantId: null, name: 'DVS b', critical: true, locations: ['lvrtc'] });
    await monitor({ serviceId: dvsId, tenantId: null, name: 'DVS c', critical: false, locations: ['lnb'] });
    await monitor({ serviceId: gisId, tenantId: null, name: 'GIS a', critical: false, locations: ['lvrtc', 'lnb'] });
    await monitor({ serviceId: ownId, tenantId: null, name: 'ARH shared', critical: true, locations: ['lvrtc'] });
    await monitor({ serviceId: ownId, tenantId: cesisId, name: 'ARH Cēsis', critical: true, locations: ['lvrtc', 'lnb'] });
    // DVS b is DVS's only critical monitor at its one location: without its results DVS is unknown there.
    withheld.key = `${b.name}|lvrtc`;
  }, 600_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('answers as the whole computation through late results, maintenance and monitor changes, over the 23-hour day', async () => {
    // Riga goes to summer time on Sunday 29 March 2026: a day of 23 hours.
    await advanceTo(Date.parse('2026-03-28T12:00:00Z'));
    expect((await keptDays(dvsId, 'shared')).map((d) => d.day)).toContain('2026-03-27');
    expect((await keptDays(ownId, cesisId)).map((d) => d.day)).toContain('2026-03-27');

    // Maintenance planned after the fact over a settled day, declared announced before it.
    await scheduleMaintenance(t.deps, operator, { serviceIds: [dvsId], startsAt: '2026-03-27T08:00:00Z', endsAt: '2026-03-27T10:30:00Z', title: 'Pārslēgšana', announcedAt: '2026-03-20T08:00:00Z' });
    await same('a window planned over a settled day');
    // One under way since yesterday, then moved to other services and lengthened, then cancelled.
    const running = await scheduleMaintenance(t.deps, operator, { serviceIds: [gisId], startsAt: '2026-03-27T20:00:00Z', endsAt: '2026-03-28T18:00:00Z', title: 'Serveru maiņa', announcedAt: '2026-03-20T08:00:00Z' });
    await same('a window under way since a settled day');
    await changeMaintenance(t.deps, operator, running.id, { serviceIds: [gisId, dvsId, ownId], endsAt: '2026-03-29T06:00:00Z' });
    await same('the window changed: more services, longer');
    await advanceTo(Date.parse('2026-03-29T00:00:00Z'));
    await cancelMaintenance(t.deps, operator, running.id, { reason: 'Atlikts' });
    await same('the window cancelled after its first day settled');

    // Announced by the sender, not declared: maintenance from the moment the notice went out.
    const planned = await scheduleMaintenance(t.deps, operator, { serviceIds: [dvsId, ownId], startsAt: '2026-03-29T09:00:00Z', endsAt: '2026-03-29T11:00:00Z', title: 'Atjaunināšana' });
    await same('a window not yet announced');
    for (let pass = await sendOutbox(t.deps); pass.sent > 0; pass = await sendOutbox(t.deps)) expect(pass.failures).toEqual([]);
    expect((await t.deps.store.run({ role: 'system', tenantId: null }, (tx) => t.deps.store.maintenance.get(tx, planned.id)))!.announcedAt).not.toBeNull();
    await same('the window announced');
    await advanceTo(Date.parse('2026-03-31T06:00:00Z'));
    expect((await keptDays(dvsId, 'shared')).map((d) => d.day)).toContain('2026-03-29');

    // The withheld results arrive days late: the rollup line goes back over kept days.
    const b = monitors.find((m) => m.name === 'DVS b')!;
    const before = (await publicStatus(t.deps)).services.find((s) => s.id === dvsId)!.days.find((d) => d.date === '2026-03-27')!;
    withheld.key = '';
    await deliver(b, withheld.from, withheld.to, () => true);
    await same('late results, before the rollup runs again');
    await rollUpAvailability(t.deps);
    await same('late results, rolled up again');
    // They did change a kept day: what was unknown is known now.
    expect((await publicStatus(t.deps)).services.find((s) => s.id === dvsId)!.days.find((d) => d.date === '2026-03-27')!.unknownSeconds).toBeLessThan(before.unknownSeconds);

    // Monitors change: a non-critical one made critical, a critical one deactivated, the municipality's own one too.
    await change('DVS c', { critical: true });
    await same('a monitor made critical');
    await change('DVS b', { active: false });
    await same('a critical monitor deactivated');
    await change('ARH Cēsis', { locations: ['lvrtc'] });
    await same("the municipality's own monitor loses a location");
    await advanceTo(Date.parse('2026-04-01T12:00:00Z'));
    expect(comparisons).toBeGreaterThan(20);
  }, 600_000);

  it('answers as the whole computation over the 25-hour day, a monitor back after months', async () => {
    // Riga goes back to winter time on Sunday 25 October 2026: a day of 25 hours.
    now = new Date('2026-10-22T00:00:00Z');
    ingestedTo = now.getTime();
    await change('DVS b', { active: true });
    await same('months later, a monitor active again');
    await rollUpAvailability(t.deps);
    await same('rolled up over the silent months');
    // EPAK's two monitors settle at different times: one probes every 2 minutes and confirms at once,
    // the other every 15 minutes and confirms after three failures, so its rollup line is hours behind.
    const epakId = (await t.deps.store.run({ role: 'system', tenantId: null }, (tx) => t.deps.store.services.list(tx))).find((s) => s.code === 'EPAK')!.id;
    await monitor({ serviceId: epakId, tenantId: null, name: 'EPAK fast', critical: false, locations: ['lvrtc'], intervalSeconds: 120, failuresToConfirm: 1 });
    const slow = await monitor({ serviceId: epakId, tenantId: null, name: 'EPAK slow', critical: false, locations: ['lvrtc'], intervalSeconds: 900, failuresToConfirm: 3 });
    // Riga's 26 October ends at 22:00 UTC. Its last hour the slow monitor fails, and its agent delivers
    // that hour only 20 minutes after midnight: after the fast monitor's line has passed midnight, while
    // the slow one's line is still hours before it (too far behind for the results to rewind it).
    failing.key = withheld.key = `${slow.name}|lvrtc`;
    failing.from = withheld.from = Date.parse('2026-10-26T21:00:00Z');
    failing.to = withheld.to = Date.parse('2026-10-26T22:00:00Z');
    await advanceTo(Date.parse('2026-10-26T22:20:00Z'));
    const rewinds = async () => (await t.database.ownerQuery('SELECT rewinds FROM monitor_rollups WHERE monitor_id = $1', [slow.id])) as { rewinds: number }[];
    expect(await rewinds()).toEqual([{ rewinds: 0 }]);
    withheld.key = '';
    await deliver(slow, failing.from, failing.to, () => true);
    expect(await rewinds()).toEqual([{ rewinds: 0 }]);
    await same("results behind one monitor's line but past another's");
    await advanceTo(Date.parse('2026-10-27T06:00:00Z'));
    expect((await keptDays(dvsId, 'shared')).map((d) => d.day)).toEqual(expect.arrayContaining(['2026-10-24', '2026-10-25', '2026-10-26']));
    expect((await keptDays(epakId, 'shared')).map((d) => d.day)).toContain('2026-10-26');
  }, 600_000);

  it("keeps today's settled part, moves it on with the lines, and recomputes it after late results and a window over it", async () => {
    const settledPart = async () =>
      (await t.database.ownerQuery("SELECT settled_to FROM status_days WHERE service_id = $1 AND audience = 'shared' AND day = '2026-10-27' AND settled_to IS NOT NULL", [dvsId])) as { settled_to: Date | string }[];
    // DVS b, DVS's only critical monitor at its one location, delivers 07:00–09:00 only hours later.
    const b = monitors.find((m) => m.name === 'DVS b')!;
    Object.assign(withheld, { key: `${b.name}|lvrtc`, from: Date.parse('2026-10-27T07:00:00Z'), to: Date.parse('2026-10-27T09:00:00Z') });
    // Half-hour steps: the line moves within the day, and each computation sweeps only past the kept part.
    await advanceTo(Date.parse('2026-10-27T13:00:00Z'), HOUR / 2);
    const first = await settledPart();
    expect(first).toHaveLength(1);
    await advanceTo(Date.parse('2026-10-27T15:00:00Z'), HOUR / 2);
    const second = await settledPart();
    expect(Date.parse(String(second[0]!.settled_to))).toBeGreaterThan(Date.parse(String(first[0]!.settled_to)));
    // The page reads it: a tampered settled part shows; removed, it is computed again.
    await t.database.ownerQuery("UPDATE status_days SET up_ms = up_ms - 1000, down_ms = down_ms + 1000 WHERE service_id = $1 AND audience = 'shared' AND day = '2026-10-27'", [dvsId]);
    const today = async (options: { recompute?: boolean } = {}) => (await publicStatus(t.deps, options)).services.find((s) => s.id === dvsId)!.days.find((d) => d.date === '2026-10-27')!;
    expect((await today()).downSeconds).toBe((await today({ recompute: true })).downSeconds + 1);
    await t.database.ownerQuery("DELETE FROM status_days WHERE service_id = $1 AND audience = 'shared' AND day = '2026-10-27'", [dvsId]);
    await same("today's settled part removed");
    expect(await settledPart()).toHaveLength(1);
    // The withheld results arrive behind the line: it is rewound over the kept part.
    const before = await today();
    withheld.key = '';
    await deliver(b, withheld.from, withheld.to, () => true);
    await same("late results behind today's settled part, before the rollup runs again");
    await rollUpAvailability(t.deps);
    await same("late results behind today's settled part, rolled up again");
    expect((await today()).unknownSeconds).toBeLessThan(before.unknownSeconds);
    // A window declared after the fact over the settled part, then one ahead of it.
    await scheduleMaintenance(t.deps, operator, { serviceIds: [dvsId], startsAt: '2026-10-27T05:00:00Z', endsAt: '2026-10-27T06:00:00Z', title: 'Pārslēgšana', announcedAt: '2026-10-20T08:00:00Z' });
    await same("a window planned over today's settled part");
    await scheduleMaintenance(t.deps, operator, { serviceIds: [dvsId], startsAt: '2026-10-27T17:00:00Z', endsAt: '2026-10-27T18:00:00Z', title: 'Atjaunināšana', announcedAt: '2026-10-20T08:00:00Z' });
    await same('a window later today');
    // Over Riga's midnight (22:00 UTC): the settled part becomes a whole day, the next day starts one.
    await advanceTo(Date.parse('2026-10-28T06:00:00Z'), HOUR);
    expect(await settledPart()).toEqual([]);
    expect((await keptDays(dvsId, 'shared')).map((d) => d.day)).toEqual(expect.arrayContaining(['2026-10-27', '2026-10-28']));
  }, 600_000);

  it('reuses the timelines it computed from the kept newest results only while they are unchanged (ADR 0022 "Reusing unchanged tails")', async () => {
    const dvsA = monitors.find((m) => m.name === 'DVS a')!;
    const b = monitors.find((m) => m.name === 'DVS b')!;
    const kept = async (m: Monitor, location: string) =>
      ((await t.database.ownerQuery('SELECT oks::text AS oks FROM monitor_latest_results WHERE monitor_id = $1 AND location = $2', [m.id, location])) as { oks: string }[])[0]!;
    // Steps shorter than an interval: most computations find most locations unchanged.
    await advanceTo(now.getTime() + 40 * 60_000, 4 * 60_000);
    // Late results inside the tip: two failures between two successes of ARH's only shared monitor
    // (a confirmed run where it was up), well past its rollup line.
    const arh = monitors.find((m) => m.name === 'ARH shared')!;
    const newest = (await t.database.ownerQuery('SELECT (extract(epoch FROM u.at) * 1000)::float8 AS at, u.ok FROM monitor_latest_results k, unnest(k.ats, k.oks) AS u(at, ok) WHERE k.monitor_id = $1 ORDER BY u.at', [arh.id])) as { at: number; ok: boolean }[];
    const i = newest.map((r, k) => (k + 1 < newest.length && r.ok && newest[k + 1]!.ok && Number(r.at) > now.getTime() - 40 * 60_000 ? k : -1)).reduce((a, k) => Math.max(a, k), -1);
    expect(i).toBeGreaterThanOrEqual(0);
    const arhToday = async () => (await publicStatus(t.deps)).services.find((s) => s.id === ownId)!.days.at(-1)!;
    const before = await arhToday();
    await ingestProbeResults(t.deps, operator, arh.id, [1000, 2000].map((ms) => ({ at: new Date(Number(newest[i]!.at) + ms).toISOString(), ok: false, location: 'lvrtc' })));
    await same('late failures inside the tip');
    expect((await arhToday()).downSeconds).toBeGreaterThan(before.downSeconds);
    const dvs = async () => (await publicStatus(t.deps)).services.find((s) => s.id === dvsId)!;

    // The page does reuse: a computation is sent only the kept rows written since the previous one
    // read them (ADR 0022, "Reading only what changed"), counted here through a store of its own …
    let sent = 0;
    const counting = { ...t.deps, store: recordingKeptResults((read) => (sent += read.sent))(t.deps.store) };
    // "Written since" counts from the snapshot's xmin, the oldest transaction running anywhere in the
    // cluster: a test file's or a bench's transaction in another database, begun before these rows
    // were written, would have them sent again (harmless, but not the exact counts below). So the
    // counting starts once every transaction older than one begun now has ended.
    await noOlderTransactionRunning(t.database);
    const shown = await publicStatus(counting);
    // Its first computation reads every kept row.
    expect(sent).toBe(Number(((await t.database.ownerQuery('SELECT count(*)::int AS n FROM monitor_latest_results')) as { n: number }[])[0]!.n));
    sent = 0;
    expect(await publicStatus(counting)).toEqual(shown);
    expect(sent).toBe(0);
    // … and "written since" is the database's own record of the writing transaction, which no
    // writer can leave out: a row changed by hand, past every use case, is sent, and the change shows at once.
    const original = await kept(b, 'lvrtc');
    await t.database.ownerQuery("UPDATE monitor_latest_results SET oks = array_fill(false, ARRAY[cardinality(oks)]) WHERE monitor_id = $1 AND location = 'lvrtc'", [b.id]);
    // Again, for the count after the change: a transaction elsewhere in the cluster that began after
    // the wait above and before this update, still running through the next computations, had each
    // of them send the row again ("expected 4 to be 1", CI on PostgreSQL, 2026-12-07).
    await noOlderTransactionRunning(t.database);
    await same('a kept row written by hand', counting);
    expect(sent).toBe(1);
    expect((await dvs()).state).toBe('down');
    await t.database.ownerQuery("UPDATE monitor_latest_results SET oks = $2::boolean[] WHERE monitor_id = $1 AND location = 'lvrtc'", [b.id, original.oks]);
    await same('a kept row written back', counting);
    expect(await publicStatus(counting)).toEqual(shown);

    // The monitor's rule changes (no use case changes it; edited in the database), its results do
    // not: the same kept results give another timeline.
    await t.database.ownerQuery('UPDATE monitors SET failures_to_confirm = 4 WHERE id = $1', [b.id]);
    await same('confirmation changed, no new results');
    await t.database.ownerQuery('UPDATE monitors SET failures_to_confirm = 2, interval_seconds = 60 WHERE id = $1', [b.id]);
    await same('interval changed, no new results');
    await t.database.ownerQuery('UPDATE monitors SET interval_seconds = $2 WHERE id = $1', [b.id, INTERVAL]);
    await same('interval back');
    // A kept row gone (as retention removes one whose results it all dropped): the raw results answer.
    await t.database.ownerQuery("DELETE FROM monitor_latest_results WHERE monitor_id = $1 AND location = 'lnb'", [dvsA.id]);
    await same('a kept row removed');
    // Put back as the raw results say (new results would otherwise merge into a row missing the older ones).
    await t.database.ownerQuery('SELECT kopa_rebuild_latest_results()');
    expect(await kept(dvsA, 'lnb')).toBeDefined();
    await advanceTo(now.getTime() + 4 * 60_000, 4 * 60_000);

    // Another replica on the same database (its own store, its own reuse) and a restarted process:
    // results stored through one, the other sees them.
    const replica = { ...t.deps, store: { ...t.deps.store } };
    await same('another replica, first computation', replica);
    for (let step = 0; step < 3; step++) {
      now = new Date(now.getTime() + 2 * 60_000);
      for (const m of monitors) await deliver(m, ingestedTo, now.getTime(), () => true);
      ingestedTo = now.getTime();
      await same(`results stored, seen by the replica (step ${step})`, replica);
      await same(`results stored, seen by the first process (step ${step})`);
    }
    await same('a restarted process', { ...t.deps, store: { ...t.deps.store } });
  }, 600_000);

  it('reads the kept days rather than recomputing them (a tampered day shows; removed, it is computed again)', async () => {
    await t.database.ownerQuery("UPDATE status_days SET up_ms = up_ms - 1000, down_ms = down_ms + 1000 WHERE service_id = $1 AND audience = 'shared' AND day = '2026-10-25'", [dvsId]);
    const tampered = (await publicStatus(t.deps)).services.find((s) => s.id === dvsId)!.days.find((d) => d.date === '2026-10-25')!;
    const truth = (await publicStatus(t.deps, { recompute: true })).services.find((s) => s.id === dvsId)!.days.find((d) => d.date === '2026-10-25')!;
    expect(tampered.downSeconds).toBe(truth.downSeconds + 1);
    await t.database.ownerQuery("DELETE FROM status_days WHERE service_id = $1 AND audience = 'shared' AND day = '2026-10-25'", [dvsId]);
    await same('the tampered day removed');
    expect((await keptDays(dvsId, 'shared')).map((d) => d.day)).toContain('2026-10-25');
  }, 120_000);
});

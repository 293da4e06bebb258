/**
 * Probe results per second through the batch endpoint, POST /api/v1/monitors/{id}/results,
 * on the real server over a real port (target ≥ 50,000/s). Batches of 10,000 results (the
 * limit), several requests in flight; then the same batches again (all duplicates), and the
 * use case without HTTP, so the share of HTTP and JSON in the cost shows.
 *
 * Runs on PostgreSQL when DATABASE_URL or TEST_DATABASE_URL names a server (a fresh database
 * is created on it and dropped afterwards), otherwise on embedded PGlite in a temporary folder.
 *
 *   node --import tsx bench/probe-ingest.ts [results=400000] [inFlight=4]
 */
import { createMonitor, ingestProbeResults } from '../src/app/monitoring/manage-monitors.js';
import { createService } from '../src/app/catalogue/manage-services.js';
import { createToken } from '../src/app/identity/create-token.js';
import { systemActor } from '../src/domain/actor.js';
import { newSecretKey } from '../src/app/identity/secret-box.js';
import { loadConfig } from '../src/main/config.js';
import { openRuntime, serverFor } from '../src/main/runtime.js';
import { benchDatabase } from './bench-database.js';
import { machineContext, rate } from './context.js';

const TOTAL = Number(process.argv[2] ?? 400_000);
const IN_FLIGHT = Number(process.argv[3] ?? 4);
const BATCH = 10_000;
const TARGET = 50_000;

const db = await benchDatabase('kopa-bench-ingest-');
const runtime = await openRuntime(loadConfig({ ...process.env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent', DATABASE_URL: db.url ?? '', KOPA_SECRET_KEY: newSecretKey(), DATABASE_POOL_SIZE: String(IN_FLIGHT + 2) }, { ...(db.dataDir && { dataDir: db.dataDir }), port: 0 }));
const app = await serverFor(runtime);
const base = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`Probe ingest benchmark — ${machineContext()}; ${db.label}; ${TOTAL.toLocaleString('en-US')} results in batches of ${BATCH.toLocaleString('en-US')}, ${IN_FLIGHT} requests in flight`);

try {
  const actor = systemActor('bench');
  const service = await createService(runtime.deps, actor, { code: 'BENCH', name: { lv: 'Mērījums', en: null }, description: null, holder: null, provider: null, legalBasis: [], customerGroup: null, requestChannels: [], fee: null, timeLimit: null, resultDelivery: null, critical: true, owner: null });
  const monitors: string[] = [];
  for (let i = 0; i < IN_FLIGHT; i++) {
    const m = await createMonitor(runtime.deps, actor, { serviceId: service.id, tenantId: null, name: `bench ${i}`, type: 'http', target: `https://bench-${i}.example.lv/`, config: {}, intervalSeconds: 10, timeoutMs: 5000, failuresToConfirm: 2, critical: true, locations: ['lvrtc', 'lnb'], active: true });
    monitors.push(m.id);
  }
  const token = (await createToken(runtime.deps, actor, { name: 'bench agent', role: 'operator', tenantId: null, expiresAt: null })).token;

  // Bodies are built before timing: the figure is the server's, not the client's JSON encoding.
  // Each worker owns a monitor and walks forward through time in 10-second slots at two locations.
  const batchesPerWorker = Math.ceil(TOTAL / BATCH / IN_FLIGHT);
  const start = Date.now() - 60 * 86_400_000;
  const bodies = monitors.map((_, w) =>
    Array.from({ length: batchesPerWorker }, (_, b) => {
      const results = Array.from({ length: BATCH }, (_, i) => {
        const slot = b * (BATCH / 2) + Math.floor(i / 2);
        return { at: new Date(start + slot * 10_000).toISOString(), ok: (slot + w) % 97 !== 0, latencyMs: 40 + (slot % 60), location: i % 2 === 0 ? 'lvrtc' : 'lnb' };
      });
      return JSON.stringify({ results });
    }),
  );
  const sent = batchesPerWorker * IN_FLIGHT * BATCH;

  async function round(): Promise<{ ms: number; accepted: number; duplicates: number }> {
    let accepted = 0;
    let duplicates = 0;
    const t0 = performance.now();
    await Promise.all(
      monitors.map(async (id, w) => {
        for (const body of bodies[w]!) {
          const res = await fetch(`${base}/api/v1/monitors/${id}/results`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
          if (!res.ok) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
          const answer = (await res.json()) as { accepted: number; duplicates: number };
          accepted += answer.accepted;
          duplicates += answer.duplicates;
        }
      }),
    );
    return { ms: performance.now() - t0, accepted, duplicates };
  }

  const fresh = await round();
  if (fresh.accepted !== sent) throw new Error(`expected ${sent} accepted, got ${fresh.accepted}`);
  const freshRate = (sent / fresh.ms) * 1000;
  console.log(`new results:        ${sent.toLocaleString('en-US')} in ${(fresh.ms / 1000).toFixed(2)} s = ${rate(sent, fresh.ms)} (${(freshRate / TARGET).toFixed(2)}× the ${TARGET.toLocaleString('en-US')}/s target)`);

  const again = await round();
  if (again.accepted !== 0 || again.duplicates !== sent) throw new Error(`a resent batch stored rows: ${JSON.stringify(again)}`);
  console.log(`resent (duplicates): ${sent.toLocaleString('en-US')} in ${(again.ms / 1000).toFixed(2)} s = ${rate(sent, again.ms)} (${(again.ms / fresh.ms).toFixed(2)}× the time of new ones)`);

  // The same work without HTTP and JSON: the use case with in-memory batches, one at a time per worker.
  const later = start + batchesPerWorker * (BATCH / 2) * 10_000;
  const direct = monitors.map((_, w) =>
    Array.from({ length: batchesPerWorker }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => {
        const slot = b * (BATCH / 2) + Math.floor(i / 2);
        return { at: new Date(later + slot * 10_000).toISOString(), ok: (slot + w) % 97 !== 0, latencyMs: 40 + (slot % 60), location: i % 2 === 0 ? 'lvrtc' : 'lnb' };
      }),
    ),
  );
  const t0 = performance.now();
  let directAccepted = 0;
  await Promise.all(monitors.map(async (id, w) => {
    for (const batch of direct[w]!) {
      const { accepted } = await ingestProbeResults(runtime.deps, actor, id, batch);
      directAccepted += accepted;
    }
  }));
  const directMs = performance.now() - t0;
  if (directAccepted !== sent) throw new Error(`expected ${sent} accepted without HTTP, got ${directAccepted}`);
  console.log(`use case, no HTTP:  ${directAccepted.toLocaleString('en-US')} in ${(directMs / 1000).toFixed(2)} s = ${rate(directAccepted, directMs)} (HTTP and JSON add ${(((fresh.ms - directMs) / fresh.ms) * 100).toFixed(0)} % to the cost)`);
} finally {
  await app.close();
  await runtime.close();
  await db.drop();
}

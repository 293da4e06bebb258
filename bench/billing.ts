/**
 * Billing at scale, on PostgreSQL: 100 municipalities and 1,000,000 usage records sent through
 * the batch endpoint POST /api/v1/usage on the real server (target ≥ 20,000 records/s), then a
 * billing run for the month over all of them (target ≤ 5 s), and its finalisation into invoices.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/billing.ts [records=1000000] [tenants=100] [inFlight=4]
 */
import { createAgreement } from '../src/app/municipalities/create-agreement.js';
import { createTenant } from '../src/app/municipalities/create-tenant.js';
import { createToken } from '../src/app/identity/create-token.js';
import { systemActor } from '../src/domain/actor.js';
import { completeRegistrationNumber } from '../src/domain/registration-number.js';
import { newSecretKey } from '../src/app/identity/secret-box.js';
import { loadConfig } from '../src/main/config.js';
import { openRuntime, serverFor } from '../src/main/runtime.js';
import { benchDatabase } from './bench-database.js';
import { machineContext, rate } from './context.js';

const RECORDS = Number(process.argv[2] ?? 1_000_000);
const TENANTS = Number(process.argv[3] ?? 100);
const IN_FLIGHT = Number(process.argv[4] ?? 4);
const BATCH = 10_000;
const MONTH = '2026-10';
const MONTH_START = Date.parse('2026-09-30T21:00:00Z'); // 1 Oct 00:00 in Riga
const MONTH_MS = Date.parse('2026-10-31T22:00:00Z') - MONTH_START;
const RESOURCES = ['vcpu_hour', 'ram_gb_hour', 'storage_gb_month', 'backup_gb_month', 'egress_gb'];
const PROVIDERS = ['LVRTC', 'LNB'];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const bench = await benchDatabase('kopa-bench-billing-', { requirePostgres: true });
const runtime = await openRuntime(loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: bench.url!, KOPA_SECRET_KEY: newSecretKey(), DATABASE_POOL_SIZE: String(IN_FLIGHT + 2) }, { port: 0 }));
const app = await serverFor(runtime);
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const actor = systemActor('bench');

try {
  console.log(`Billing benchmark — ${machineContext()}, ${bench.label}`);
  const tenantIds: string[] = [];
  // Some 10-digit stems have no valid check digit; those are skipped.
  const registrationNumbers = Array.from({ length: TENANTS * 2 }, (_, i) => completeRegistrationNumber(`90${String(10_000_000 + i).slice(-8)}`)).filter((n) => n !== null);
  for (let i = 0; i < TENANTS; i++) {
    const tenant = await createTenant(runtime.deps, actor, { name: `Pašvaldība ${i + 1}`, registrationNumber: registrationNumbers[i]! });
    await createAgreement(runtime.deps, actor, tenant.id, { number: `BENCH-${i + 1}`, signedOn: '2025-12-01', effectiveFrom: '2026-01-01' });
    tenantIds.push(tenant.id);
  }
  const token = (await createToken(runtime.deps, actor, { name: 'bench', role: 'finance', tenantId: null, expiresAt: null })).token;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res.json();
  };
  for (const provider of PROVIDERS) for (const [k, resource] of RESOURCES.entries()) await post('/tariffs', { provider, resource, unitPrice: (0.001 * (k + 1) + (provider === 'LNB' ? 0.0005 : 0)).toFixed(6), currency: 'EUR', validFrom: '2026-01-01' });
  await post('/cost-pools', { month: MONTH, amount: '25000.00', currency: 'EUR', description: 'Platformas administrēšana' });
  await post('/cost-pools', { month: MONTH, amount: '3001.17', currency: 'EUR', description: 'Licences', driver: 'even' });
  await post('/cost-pools', { month: MONTH, amount: '1999.99', currency: 'EUR', description: 'Rezerves kopiju glabāšana', driver: 'hosting_cost' });

  // Each municipality reports its active users once; the rest are hourly-ish metered resources.
  const record = (n: number) => {
    const tenant = n % TENANTS;
    if (n < TENANTS) return { id: `users-${tenant}`, tenantId: tenantIds[tenant], provider: 'LVRTC', resource: 'active_users', quantity: String(50 + ((tenant * 37) % 900)), periodStart: new Date(MONTH_START + MONTH_MS - 3_600_000).toISOString(), periodEnd: new Date(MONTH_START + MONTH_MS).toISOString() };
    const start = MONTH_START + Math.floor(((n * 7919) % 1_000_003) / 1_000_003 * (MONTH_MS - 3_600_000));
    return { id: `u-${n}`, tenantId: tenantIds[tenant], provider: PROVIDERS[n % 2], resource: RESOURCES[n % RESOURCES.length], quantity: ((n % 1000) / 8).toFixed(3), periodStart: new Date(start).toISOString(), periodEnd: new Date(start + 3_600_000).toISOString() };
  };
  const batches: string[] = [];
  for (let i = 0; i < RECORDS; i += BATCH) batches.push(JSON.stringify({ records: Array.from({ length: Math.min(BATCH, RECORDS - i) }, (_, k) => record(i + k)) }));

  const send = async (label: string) => {
    let next = 0;
    let accepted = 0;
    let duplicates = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < batches.length) {
          const body = batches[next++]!;
          const res = await fetch(`${base}/api/v1/usage`, { method: 'POST', headers, body });
          const json = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
          if (res.status >= 300 || json.rejected.length > 0) throw new Error(`usage batch refused: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
          accepted += json.accepted;
          duplicates += json.duplicates;
        }
      }),
    );
    const ms = performance.now() - started;
    console.log(`${label}: ${RECORDS.toLocaleString('en-US')} records in ${seconds(ms)} = ${rate(RECORDS, ms)} (accepted ${accepted.toLocaleString('en-US')}, duplicates ${duplicates.toLocaleString('en-US')}; target ≥ 20,000/s, ×${(RECORDS / (ms / 1000) / 20_000).toFixed(2)})`);
  };
  await send('ingestion through POST /api/v1/usage');
  await send('the same batches again (all duplicates)');

  const runStarted = performance.now();
  const run = (await post('/billing-runs', { month: MONTH })) as { id: string; statements: unknown[]; problems: unknown[] };
  const runMs = performance.now() - runStarted;
  console.log(`billing run for ${MONTH}: ${run.statements.length} statements, ${run.problems.length} problems, ${seconds(runMs)} (target ≤ 5 s: ${runMs <= 5000 ? 'met' : 'missed'}, ${(runMs / 5000).toFixed(2)} of the budget)`);
  const finalStarted = performance.now();
  const finalized = (await post(`/billing-runs/${run.id}/finalize`, {})) as { invoices: unknown[] };
  console.log(`finalisation: ${finalized.invoices.length} invoices with UBL in ${seconds(performance.now() - finalStarted)}`);
} finally {
  await app.close();
  await runtime.close();
  await bench.drop();
}

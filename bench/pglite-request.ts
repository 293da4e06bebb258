/**
 * The embedded database's part of one token request, without HTTP: the token's standing (one
 * autocommitted statement), then the use case's transaction (`BEGIN` + scope, the municipality's
 * row, `COMMIT`) through the store, as `GET /api/v1/tenants/{id}` runs them — sequentially, in
 * process, on an in-memory PGlite. Prints CPU microseconds per request and per part, and the
 * protocol calls into PGlite's WebAssembly per request; `--profile` adds a CPU profile by function.
 * What the HTTP bench (bench/api-throughput.ts) cannot split: how much of a request's CPU is the
 * database's driver and Postgres, measured without wrk, the network or Fastify beside it.
 *
 *   node --import tsx bench/pglite-request.ts [--requests 5000] [--rounds 3] [--profile]
 */
import { createHash, randomBytes } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { createStore } from '../src/db/store.js';
import { topOfProfile } from './cpu-profile.js';
import { loadAverage } from './measure.js';

const arg = (name: string) => process.argv.indexOf(`--${name}`);
const REQUESTS = arg('requests') > 0 ? Number(process.argv[arg('requests') + 1]) : 5_000;
const ROUNDS = arg('rounds') > 0 ? Number(process.argv[arg('rounds') + 1]) : 3;
const PROFILE = arg('profile') > 0;

const db = await openDatabase({});
await migrate(db.kysely);
const store = createStore(db.kysely);
const token = randomBytes(24).toString('base64url');
const hash = createHash('sha256').update(token).digest('hex');
const { rows } = await sql<{ id: string }>`INSERT INTO tenants (name, registration_number, peppol_id, status) VALUES ('Bench novads', '90000031828', '90000031828', 'active') RETURNING id`.execute(db.kysely);
const tenantId = rows[0]!.id;
await sql`INSERT INTO api_tokens (name, token_hash, prefix, role, tenant_id) VALUES ('bench', ${hash}, 'kopa_', 'tenant_user', ${tenantId})`.execute(db.kysely);

// Every way into PGlite's Postgres passes execProtocolStream (pglite.query) or execProtocolRawStream
// (src/db/pglite-statements.ts): one call each.
let calls = 0;
for (const method of ['execProtocolStream', 'execProtocolRawStream'] as const) {
  const original = PGlite.prototype[method] as (...args: unknown[]) => unknown;
  (PGlite.prototype as unknown as Record<string, unknown>)[method] = function (this: PGlite, ...args: unknown[]) {
    calls += 1;
    return original.apply(this, args);
  };
}

async function request(): Promise<void> {
  const standing = await store.tokenStanding(hash);
  if (!standing || standing.tenantId !== tenantId) throw new Error('the token was not found');
  const tenant = await store.run({ role: standing.role, tenantId }, (tx) => store.tenants.get(tx, tenantId));
  if (tenant?.id !== tenantId) throw new Error('the municipality was not read');
}
const lookupOnly = async () => void (await store.tokenStanding(hash));
const transactionOnly = async () => void (await store.run({ role: 'tenant_user', tenantId }, (tx) => store.tenants.get(tx, tenantId)));
const emptyTransaction = async () => void (await store.run({ role: 'tenant_user', tenantId }, async () => null));

async function cpuPerCall(fn: () => Promise<void>, n: number): Promise<{ us: number; calls: number }> {
  const callsBefore = calls;
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const used = process.cpuUsage(before);
  return { us: (used.user + used.system) / n, calls: (calls - callsBefore) / n };
}

for (let i = 0; i < 2_000; i++) await request(); // warm-up: JIT, plans
const session = PROFILE ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
console.log(`PGlite, one token request's database work, ${REQUESTS} sequential requests × ${ROUNDS} rounds; load ${loadAverage()}`);
for (let round = 1; round <= ROUNDS; round++) {
  const whole = await cpuPerCall(request, REQUESTS);
  const lookup = await cpuPerCall(lookupOnly, REQUESTS);
  const transaction = await cpuPerCall(transactionOnly, REQUESTS);
  const empty = await cpuPerCall(emptyTransaction, REQUESTS);
  const f = (x: { us: number; calls: number }) => `${x.us.toFixed(0).padStart(4)} µs, ${x.calls.toFixed(1)} calls`;
  console.log(`  round ${round}: request ${f(whole)} | token lookup ${f(lookup)} | transaction ${f(transaction)} | empty transaction ${f(empty)}`);
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  const dir = mkdtempSync(join(tmpdir(), 'kopa-pglite-prof-'));
  writeFileSync(join(dir, 'bench.cpuprofile'), JSON.stringify(profile));
  for (const line of topOfProfile(dir, 3_600, 25)) console.log(`  ${line}`);
  if (process.env.KEEP_PROFILE) writeFileSync(process.env.KEEP_PROFILE, JSON.stringify(profile));
  rmSync(dir, { recursive: true, force: true });
}
console.log(`  load ${loadAverage()}`);
await db.close();

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Deps, Store } from '../../src/app/ports.js';
import type { PasswordHasher } from '../../src/app/shared/ports.js';
import type { PlatformStatus } from '../../src/app/monitoring/platform-status.js';
import type { Role } from '../../src/domain/roles.js';
import { seedDemoData, DEMO_PASSWORD } from '../../src/app/demo/seed-demo-data.js';
import { createStore } from '../../src/db/store.js';
import { pendingMigrations } from '../../src/db/migrate.js';
import { buildServer, type ServerOptions } from '../../src/http/server.js';
import { argon2Hasher } from '../../src/main/runtime.js';
import { createSecretBox } from '../../src/app/identity/secret-box.js';
import { identitySettings } from '../../src/app/identity/identity-settings.js';
import { createTestDatabase, type BackendName, type TestDatabase } from './database.js';
import { maintenanceSentHandlers } from '../../src/app/monitoring/maintenance-announcement.js';

export { DEMO_PASSWORD };

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  demo?: boolean;
  demoHistory?: boolean;
  webDir?: string;
  now?: () => Date;
  /** The real argon2id hasher unless a test wraps it (to count checks, say). */
  passwords?: PasswordHasher;
  /**
   * Roles that must enrol a second factor. Tests of other features sign the demo people in
   * with a password only (none by default; docs/adr/0010): codes cannot be replayed, and most
   * files stop the clock. The second-factor tests pass the production default.
   */
  mfaRequiredRoles?: Role[];
  /** The OpenID Connect relying party, when a test routes it to its own provider. */
  relyingParty?: Deps['relyingParty'];
  /** Wraps the store the server and the use cases get (to hold or count a read, say). */
  store?: (store: Store) => Store;
  /**
   * Another server on this app's database, as a restart or a second replica starts on it: no demo
   * data is seeded, and closing it leaves the database to the app that made it.
   */
  sameDatabaseAs?: TestApp;
  /** Server settings a test needs beyond the defaults (proxy trust, a log stream, a metrics token). */
  server?: Partial<Omit<ServerOptions, 'deps' | 'readiness' | 'metrics'>>;
}

/** The real server on a real database; requests go through app.inject. */
export async function startTestApp(backend: BackendName, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.sameDatabaseAs?.database ?? (await createTestDatabase(backend));
  const store = (options.store ?? ((plain: Store) => plain))(createStore(database.db.kysely));
  const deps: Deps = {
    store,
    sentHandlers: maintenanceSentHandlers(store),
    clock: { now: options.now ?? (() => new Date()) },
    passwords: options.passwords ?? argon2Hasher,
    secretBox: createSecretBox(randomBytes(32)),
    identity: identitySettings({ mfaRequiredRoles: options.mfaRequiredRoles ?? [] }),
    ...(options.relyingParty && { relyingParty: options.relyingParty }),
  };
  if (options.demo !== false && !options.sameDatabaseAs) await seedDemoData(deps, { history: options.demoHistory ?? false });
  const app = await buildServer({
    deps,
    sessionTtlHours: 12,
    trustProxy: false,
    logLevel: 'silent',
    webDir: options.webDir,
    statusCacheMs: 0,
    readiness: async () => ({ database: true, pendingMigrations: await pendingMigrations(database.db.kysely) }),
    metrics: {
      poolStats: () => database.db.poolStats(),
      jobCounts: () => deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.jobs.counts(tx)),
      lastBackupSuccess: () => deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.backups.lastSuccess(tx)),
      outboxCounts: () => deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.outbox.counts(tx)),
      now: () => deps.clock.now(),
    },
    ...options.server,
  });
  await app.ready();
  return {
    app,
    deps,
    database,
    close: async () => {
      await app.close();
      if (!options.sameDatabaseAs) await database.drop();
    },
  };
}

/** A signed-in browser-like client: session cookie plus the CSRF header on writes. */
export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, email: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kopa_session')!;
  const csrf = res.json().csrfToken as string;
  const headers = { cookie: `kopa_session=${cookie.value}`, 'x-csrf-token': csrf };
  return clientWith(app, headers);
}

export function bearer(app: FastifyInstance, token: string): Client {
  return clientWith(app, { authorization: `Bearer ${token}` });
}

function clientWith(app: FastifyInstance, headers: Record<string, string>): Client {
  return {
    get: (url) => app.inject({ method: 'GET', url, headers }),
    post: (url, body) => app.inject({ method: 'POST', url, headers, ...(body !== undefined && { payload: body as object }) }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, headers, ...(body !== undefined && { payload: body as object }) }),
    put: (url, body) => app.inject({ method: 'PUT', url, headers, ...(body !== undefined && { payload: body as object }) }),
    delete: (url) => app.inject({ method: 'DELETE', url, headers }),
  };
}

/**
 * A store whose kept-results reads (the status page's and the monitors' states') are reported as
 * they return: whether a held read was laid over, and how many rows the database sent.
 */
export function recordingKeptResults(onRead: (read: { held: boolean; sent: number }) => void): (store: Store) => Store {
  return (store) => ({
    ...store,
    rollups: {
      ...store.rollups,
      keptResults: async (tx, held) => {
        const answer = await store.rollups.keptResults(tx, held);
        onRead({ held: held !== null, sent: answer.sent });
        return answer;
      },
    },
  });
}

/**
 * The public status page's whole answer from a server with the status cache on: asked again every
 * 25 ms while it is a first look, the history still being computed (ADR 0029), for 10 s at most.
 */
export async function wholeStatus(t: Pick<TestApp, 'app'>): Promise<PlatformStatus> {
  const ask = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/status' });
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/status → ${res.statusCode} ${res.body}`);
    return res.json() as PlatformStatus;
  };
  let answer = await ask();
  for (let i = 0; i < 400 && answer.history === 'computing'; i++) answer = await new Promise((resolve) => setTimeout(resolve, 25)).then(ask);
  if (answer.history !== 'complete') throw new Error('the status page\'s history was still being computed after 10 s');
  return answer;
}

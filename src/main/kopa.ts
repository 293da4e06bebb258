import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { systemActor } from '../domain/actor.js';
import { isValidRegistrationNumber } from '../domain/registration-number.js';
import type { Role } from '../domain/roles.js';
import { createToken } from '../app/identity/create-token.js';
import { createUser } from '../app/identity/create-user.js';
import { ensureBootstrapToken } from '../app/identity/ensure-bootstrap-token.js';
import { DEMO_PASSWORD, seedDemoData } from '../app/demo/seed-demo-data.js';
import { verifyAuditChain } from '../app/audit/verify-audit-chain.js';
import { importUsageCsv } from '../app/billing/import-usage-csv.js';
import type { Deps } from '../app/ports.js';
import { buildProgram, type CliActions } from '../cli/program.js';
import { migrate } from '../db/migrate.js';
import { buildMetricsServer } from '../http/metrics-server.js';
import { backupJobs, jobHandlers, outboxSender, PERIODIC_JOBS } from '../jobs/handlers.js';
import { startAgent } from '../jobs/prober/agent.js';
import { startLocalProber } from '../jobs/prober/local-prober.js';
import { startProbeLeases } from '../jobs/prober/probe-leases.js';
import { startWorker } from '../jobs/worker.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openRuntime, requireSecretKey, serverFor, type Runtime } from './runtime.js';
import { stopOnSignals } from './shutdown.js';
import { backupCommand, CommandFailure, restoreCommand } from './backup-commands.js';
import { SYSTEM } from '../app/shared/transaction.js';

/** Names this process among the replicas: a restart is a new holder, never mistaken for the old one. */
function replicaId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Exit codes: 1 the command failed, 2 bad usage or configuration. */
class CliFailure extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

function configFor(options: { dataDir?: string; port?: number; host?: string }): Config {
  return loadConfig(process.env, {
    ...(options.dataDir && { dataDir: options.dataDir }),
    ...(options.port !== undefined && { port: options.port }),
    ...(options.host && { host: options.host }),
  });
}

async function withRuntime<T>(options: { dataDir?: string }, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(configFor(options));
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

async function resolveTenant(deps: Deps, tenant: string | undefined): Promise<string | null> {
  if (!tenant) return null;
  const found = await deps.store.run(SYSTEM, async (tx) =>
    isValidRegistrationNumber(tenant) ? deps.store.tenants.findByRegistrationNumber(tx, tenant) : deps.store.tenants.get(tx, tenant).catch(() => null),
  );
  if (!found) throw new CliFailure(`No municipality with registration number or id "${tenant}"`);
  return found.id;
}

/** The bare address of a From like `Kopa <kopa@rda.lv>`. */
const addressOf = (from: string) => (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();

const actions: CliActions = {
  agent: runAgent,
  async serve(options) {
    const config = configFor(options);
    requireSecretKey(config);
    const runtime = await openRuntime(config);
    let draining = false;
    const app = await serverFor(runtime, { draining: () => draining, statusCacheMs: config.statusCacheSeconds * 1000 });
    for (const notice of config.notices) app.log.warn(notice);
    if (config.bootstrapToken) {
      const outcome = await ensureBootstrapToken(runtime.deps, config.bootstrapToken);
      app.log.info({ outcome }, 'bootstrap token');
    }
    const demo = options.demo ? await seedDemoData(runtime.deps, { history: true }) : null;
    const worker = config.runJobs
      ? startWorker({
          deps: runtime.deps,
          handlers: jobHandlers(runtime.deps, { probeRetentionDays: config.probeRetentionDays, backup: config.backupDir ? { dir: config.backupDir, keep: config.backupKeep } : null }),
          periodic: [...PERIODIC_JOBS, ...backupJobs({ dir: config.backupDir, intervalHours: config.backupIntervalHours })],
          afterJobs: outboxSender(runtime.deps, app.log),
          log: app.log,
        })
      : null;
    // Replicas divide the `local` monitors by leased shards (ADR 0018); alone, one holds them all.
    const leases = config.runProber
      ? startProbeLeases({ store: runtime.deps.store, replica: replicaId(), leaseMs: config.probeLeaseSeconds * 1000, onChange: () => prober?.reassign(), log: app.log })
      : null;
    const prober = config.runProber ? startLocalProber(runtime.deps, app.log, { ...(leases && { leases }) }) : null;
    await leases?.start();
    await prober?.start();
    // The SMTP listener and the mail parser weigh ~20 MiB of modules: loaded only when configured.
    const inboundMail = config.inboundSmtpPort && config.deskAddress
      ? await (await import('../jobs/inbound-mail.js')).startInboundMail({ deps: runtime.deps, settings: { deskAddress: config.deskAddress, ownAddresses: [addressOf(config.mailFrom)] }, port: config.inboundSmtpPort, host: config.host, log: app.log })
      : null;

    // The pool's kept connections are opened before the first request needs them.
    await runtime.db.openKept();
    const address = await app.listen({ port: config.port, host: config.host });
    const metricsServer = config.metricsAddress ? await buildMetricsServer(app, { token: config.metricsToken ?? null }) : null;
    const metricsUrl = metricsServer && config.metricsAddress ? await metricsServer.listen(config.metricsAddress) : null;
    const url = config.publicUrl ?? address.replace('://127.0.0.1', '://localhost');
    const lines = [
      '',
      `  Kopa is running at ${url}`,
      `  API documentation: ${url}/docs`,
      `  Metrics: ${metricsUrl ? `${metricsUrl}/metrics` : config.metricsToken ? `${url}/metrics with the metrics token` : 'off (set KOPA_METRICS_TOKEN or KOPA_METRICS_ADDRESS)'}`,
      `  Inbound mail: ${inboundMail ? `SMTP on port ${inboundMail.port} for ${config.deskAddress}` : 'off (set KOPA_INBOUND_SMTP_PORT and KOPA_DESK_ADDRESS)'}`,
      `  Database: ${runtime.db.backend === 'pglite' ? `embedded PGlite in ${config.dataDir} (evaluation only)` : 'PostgreSQL'}`,
    ];
    if (demo) {
      lines.push(`  Demo data ${demo.seeded ? 'created' : 'already present'}. Sign in with any of these, password: ${DEMO_PASSWORD}`);
      for (const login of demo.logins) lines.push(`    ${login.email.padEnd(26)} ${login.role.padEnd(13)} ${login.tenant ?? 'Rīgas digitālā aģentūra'}`);
    }
    lines.push(...secondFactorBanner(config.mfaRequiredRoles, demo !== null));
    process.stdout.write(`${lines.join('\n')}\n\n`);

    // Stop taking work, finish what is in flight, hand back claimed jobs and probe leases, then close the database.
    stopOnSignals({
      timeoutSeconds: config.shutdownTimeoutSeconds,
      log: app.log,
      stop: async () => {
        draining = true;
        // Probing stops before its leases go back, so no other replica probes alongside it.
        await Promise.all([app.close(), inboundMail?.close(), worker?.stop(), prober?.stop().then(() => leases?.stop()), metricsServer?.close()]);
        await runtime.close();
      },
    });
  },

  async migrate(options) {
    const config = configFor(options);
    const { openDatabase } = await import('../db/connect.js');
    const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    try {
      const { applied } = await migrate(db.kysely);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    } finally {
      await db.close();
    }
  },

  async userCreate(options) {
    await withRuntime(options, async ({ deps }) => {
      const tenantId = await resolveTenant(deps, options.tenant);
      const { user, temporaryPassword } = await createUser(deps, systemActor('cli'), {
        email: options.email,
        name: options.name,
        role: options.role as Role,
        tenantId,
        password: options.password,
      });
      console.log(`Created ${user.role} ${user.email} (id ${user.id})`);
      if (temporaryPassword) console.log(`One-time password (shown once): ${temporaryPassword}`);
    });
  },

  async tokenCreate(options) {
    await withRuntime(options, async ({ deps }) => {
      const tenantId = await resolveTenant(deps, options.tenant);
      const token = await createToken(deps, systemActor('cli'), { name: options.name, role: options.role as Role, tenantId, expiresAt: options.expires ?? null });
      console.log(`Created token "${token.name}" (${token.role}, id ${token.id}). It is shown only now:`);
      console.log(token.token);
    });
  },

  async auditVerify(options) {
    await withRuntime(options, async ({ deps }) => {
      const report = await verifyAuditChain(deps);
      if (report.ok) {
        console.log(`Audit chain intact: ${report.checked} events verified.`);
        return;
      }
      console.error(`Audit chain BROKEN: ${report.problems.length} problem(s) in ${report.checked} events.`);
      for (const p of report.problems) console.error(`  event ${p.seq}: ${p.problem}`);
      throw new CliFailure('audit verification failed');
    });
  },

  backup: (options) => backupCommand(configFor(options), options),
  restore: (options) => restoreCommand(configFor(options), options),

  async usageImport(file, options) {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliFailure(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, 2);
    });
    await withRuntime(options, async ({ deps }) => {
      const report = await importUsageCsv(deps, systemActor('cli usage import'), text);
      console.log(`${file}: ${report.rows} rows — ${report.accepted} accepted, ${report.duplicates} duplicate, ${report.rejected.length} rejected.`);
      for (const r of report.rejected) {
        console.log(`  line ${r.line}${r.id ? ` (id ${r.id})` : ''}: ${r.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
      }
      if (report.rejected.length > 0) throw new CliFailure(`${report.rejected.length} row(s) rejected; the other rows were stored`);
    });
  },
};

/** What the start banner says about the second factor, so an evaluator is not surprised by it. */
function secondFactorBanner(roles: readonly string[], demo: boolean): string[] {
  if (roles.length === 0) return ['  Second factor: required of no role (KOPA_MFA_REQUIRED_ROLES=none); anyone may still set one up.'];
  const lines = [
    `  Second factor: required of ${roles.join(', ')} (KOPA_MFA_REQUIRED_ROLES).`,
    '  At the first sign-in they set one up: an authenticator app (scan the QR code or type the key) or a passkey.',
  ];
  if (demo) {
    lines.push('  The lietotajs@… accounts need none. To look around without one: KOPA_MFA_REQUIRED_ROLES=none npm start');
  }
  return lines;
}

async function runAgent(options: Parameters<CliActions['agent']>[0]): Promise<void> {
  if (!/^https?:\/\//.test(options.server)) throw new CliFailure('--server must be an http(s) URL', 2);
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(options.location)) throw new CliFailure('--location must be a short lowercase name such as lvrtc or lnb', 2);
  const { default: pino } = await import('pino');
  const { logLevel, shutdownTimeoutSeconds } = loadConfig(process.env);
  const log = pino({ level: logLevel });
  const agent = startAgent({ ...options, log });
  await agent.start();
  log.info({ server: options.server, location: options.location, bufferDir: options.bufferDir }, 'probe agent running');
  // Stops probing and sends the results it holds, or keeps them in the disk buffer.
  stopOnSignals({ timeoutSeconds: shutdownTimeoutSeconds, log, stop: () => agent.stop() });
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram(actions).parseAsync(argv);
  } catch (error) {
    const { KopaError } = await import('../domain/errors.js');
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof KopaError) {
      console.error(`Error: ${error.detail}`);
      process.exitCode = error.code === 'validation' ? 2 : 1;
    } else if (error instanceof CliFailure || error instanceof CommandFailure) {
      console.error(`Error: ${error.message}`);
      process.exitCode = error.exitCode;
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    }
  }
}

import { resolve } from 'node:path';
import { DEFAULT_MFA_REQUIRED_ROLES } from '../app/identity/identity-settings.js';
import { parseSecretKey } from '../app/identity/secret-box.js';
import { isRole, type Role } from '../domain/roles.js';
import { isProxyEntry, type TrustProxy } from '../http/proxy-trust.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  bootstrapToken: string | undefined;
  sessionTtlHours: number;
  trustProxy: TrustProxy;
  publicUrl: string | undefined;
  logLevel: string;
  runJobs: boolean;
  runProber: boolean;
  probeRetentionDays: number;
  webDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** Roles that must have a second factor. */
  mfaRequiredRoles: Role[];
  /** 32-byte key sealing second-factor secrets; PGlite keeps a generated one in the data folder when unset. */
  secretKey: Buffer | undefined;
  metricsToken: string | undefined;
  metricsAddress: { host: string; port: number } | undefined;
  /** How long `kopa serve` and `kopa agent` may take to stop after SIGTERM/SIGINT before they give up. */
  shutdownTimeoutSeconds: number;
  /** Things worth saying in the start-up log about how a setting was read. */
  notices: string[];
}

/** Every variable Kopa reads, with its default and meaning; the README table mirrors this. */
export const CONFIG_VARIABLES = [
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '127.0.0.1', 'Address to listen on (0.0.0.0 in containers)'],
  ['KOPA_DATA_DIR', './data', 'Folder of the embedded PGlite database (used when DATABASE_URL is not set)'],
  ['DATABASE_URL', '(none)', 'PostgreSQL 15+ connection string; when set, PGlite is not used'],
  ['DATABASE_POOL_SIZE', '10', 'Connections per replica to PostgreSQL'],
  ['KOPA_BOOTSTRAP_TOKEN', '(none)', 'When set, registered at start-up as an operator API token (idempotent)'],
  ['KOPA_SESSION_HOURS', '12', 'Sign-in session lifetime, renewed while in use'],
  ['KOPA_TRUST_PROXY', 'false', 'Reverse proxies whose X-Forwarded-For/-Proto are believed: a hop count (`1`) or their addresses/CIDRs (`10.0.0.5,10.0.1.0/24`); the client is the first untrusted hop from the right. `true` means one hop'],
  ['KOPA_METRICS_TOKEN', '(none)', 'Bearer token Prometheus sends for /metrics on the main port (at least 24 characters); without it the main port serves no metrics'],
  ['KOPA_METRICS_ADDRESS', '(none)', 'host:port of a separate listener that serves only /metrics (e.g. 10.0.0.7:9464 on an internal network); asks for KOPA_METRICS_TOKEN too when that is set'],
  ['KOPA_PUBLIC_URL', '(none)', 'Public address printed at start-up and used in links'],
  ['KOPA_WEB_DIR', 'web/dist', 'Folder of the built web UI'],
  ['LOG_LEVEL', 'info', 'pino log level: fatal, error, warn, info, debug, trace, silent'],
  ['KOPA_JOBS', 'true', 'Run the background job worker in this process'],
  ['KOPA_PROBER', 'true', 'Probe the monitors located at `local` from this process (replicas may all do it: results are keyed by schedule slot)'],
  ['KOPA_PROBE_RETENTION_DAYS', '90', 'Days raw probe results are kept (whole months are dropped once rolled up; reports use the rollups)'],
  ['KOPA_AGENT_TOKEN', '', 'Token for `kopa agent` when --token is not given'],
  ['KOPA_SMTP_URL', '(none)', 'SMTP server for e-mail notifications, e.g. smtps://user:pass@mail.example.lv:465'],
  ['KOPA_MAIL_FROM', 'Kopa <kopa@rda.lv>', 'Sender of notification e-mails'],
  ['KOPA_WEBHOOK_URL', '(none)', 'Endpoint that receives signed webhook notifications (escalations)'],
  ['KOPA_WEBHOOK_SECRET', '(none)', 'HMAC-SHA256 key for the X-Kopa-Signature header; required with KOPA_WEBHOOK_URL'],
  ['KOPA_MFA_REQUIRED_ROLES', DEFAULT_MFA_REQUIRED_ROLES.join(','), 'Roles that must enrol a second factor (TOTP or passkey) at sign-in; a comma list, or `none`'],
  ['KOPA_SHUTDOWN_TIMEOUT_SECONDS', '20', 'Seconds `kopa serve` and `kopa agent` get after SIGTERM/SIGINT to finish requests and jobs in flight and hand back claimed jobs; then they exit with code 1'],
  ['KOPA_SECRET_KEY', '(generated in KOPA_DATA_DIR with PGlite)', '32 random bytes, base64 (`openssl rand -base64 32`): encrypts second-factor secrets (AES-256-GCM); `kopa serve` with DATABASE_URL refuses to start without it; the same on every replica'],
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; lists every problem, not only the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const bootstrapToken = env.KOPA_BOOTSTRAP_TOKEN || undefined;
  if (bootstrapToken && bootstrapToken.length < 24) problems.push('KOPA_BOOTSTRAP_TOKEN must have at least 24 characters');
  const publicUrl = env.KOPA_PUBLIC_URL || undefined;
  if (publicUrl && !/^https?:\/\/[^\s]+$/.test(publicUrl)) problems.push('KOPA_PUBLIC_URL must be an http(s) URL');
  const smtpUrl = env.KOPA_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('KOPA_SMTP_URL must start with smtp:// or smtps://');
  const webhookUrl = env.KOPA_WEBHOOK_URL || undefined;
  const webhookSecret = env.KOPA_WEBHOOK_SECRET || undefined;
  if (webhookUrl && !/^https?:\/\/[^\s]+$/.test(webhookUrl)) problems.push('KOPA_WEBHOOK_URL must be an http(s) URL');
  if (webhookUrl && (!webhookSecret || webhookSecret.length < 16)) problems.push('KOPA_WEBHOOK_SECRET must be set (at least 16 characters) when KOPA_WEBHOOK_URL is');
  const mfaRequiredRoles = parseRoles(env.KOPA_MFA_REQUIRED_ROLES, problems);
  let secretKey: Buffer | undefined;
  if (env.KOPA_SECRET_KEY) {
    secretKey = parseSecretKey(env.KOPA_SECRET_KEY) ?? undefined;
    if (!secretKey) problems.push('KOPA_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32) or 64 hex digits');
  }
  const metricsToken = env.KOPA_METRICS_TOKEN || undefined;
  if (metricsToken && (metricsToken.length < 24 || /\s/.test(metricsToken))) problems.push('KOPA_METRICS_TOKEN must have at least 24 characters and no spaces');
  const metricsAddress = parseListenAddress(env.KOPA_METRICS_ADDRESS, 'KOPA_METRICS_ADDRESS', problems);
  const notices: string[] = [];
  const trustProxy = parseTrustProxy(env.KOPA_TRUST_PROXY, problems, notices);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.KOPA_DATA_DIR || './data'),
    databaseUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    bootstrapToken,
    sessionTtlHours: int('KOPA_SESSION_HOURS', 12, 1, 24 * 30),
    trustProxy,
    publicUrl,
    logLevel,
    runJobs: bool('KOPA_JOBS', true),
    runProber: bool('KOPA_PROBER', true),
    probeRetentionDays: int('KOPA_PROBE_RETENTION_DAYS', 90, 7, 3650),
    webDir: resolve(env.KOPA_WEB_DIR || new URL('../../web/dist', import.meta.url).pathname),
    smtpUrl,
    mailFrom: env.KOPA_MAIL_FROM || 'Kopa <kopa@rda.lv>',
    webhookUrl,
    webhookSecret,
    mfaRequiredRoles,
    secretKey,
    metricsToken,
    metricsAddress,
    shutdownTimeoutSeconds: int('KOPA_SHUTDOWN_TIMEOUT_SECONDS', 20, 1, 600),
    notices,
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** `operator,tenant_admin`, or `none` for no one (an empty value keeps the default). */
function parseRoles(raw: string | undefined, problems: string[]): Role[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_MFA_REQUIRED_ROLES];
  if (raw.trim().toLowerCase() === 'none') return [];
  const names = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = names.filter((r) => !isRole(r));
  if (unknown.length > 0) problems.push(`KOPA_MFA_REQUIRED_ROLES has unknown roles: ${unknown.join(', ')} (roles: operator, desk_agent, finance, auditor, tenant_admin, tenant_user; or none)`);
  return [...new Set(names.filter(isRole))];
}

/**
 * `false`/`0` trust no proxy; a whole number trusts that many hops; otherwise a comma-separated
 * list of proxy addresses and ranges. `true` stays accepted as one hop, and says so.
 */
function parseTrustProxy(raw: string | undefined, problems: string[], notices: string[]): TrustProxy {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '' || ['false', 'no', '0'].includes(value)) return false;
  if (['true', 'yes'].includes(value)) {
    notices.push('KOPA_TRUST_PROXY=true is read as one proxy hop (KOPA_TRUST_PROXY=1): the client is the last address in X-Forwarded-For. Set the hop count or the proxies\' addresses to say so explicitly.');
    return 1;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
    problems.push(`KOPA_TRUST_PROXY must be false, a hop count from 1 to 10, or proxy addresses/CIDRs (got "${raw}")`);
    return false;
  }
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isProxyEntry(e));
  if (entries.length === 0 || bad.length > 0) {
    problems.push(`KOPA_TRUST_PROXY must be false, a hop count from 1 to 10, or proxy addresses/CIDRs (not ${bad.map((b) => `"${b}"`).join(', ') || `"${raw}"`})`);
    return false;
  }
  return entries;
}

/** `host:port`, `[v6]:port`; the host is taken as given (an address or a name to bind). */
function parseListenAddress(raw: string | undefined, name: string, problems: string[]): { host: string; port: number } | undefined {
  if (!raw) return undefined;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(raw.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port < 1 || port > 65535) {
    problems.push(`${name} must be host:port, e.g. 127.0.0.1:9464 or [::1]:9464 (got "${raw}")`);
    return undefined;
  }
  return { host: match[1] ?? match[2]!, port };
}

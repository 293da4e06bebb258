import { resolve } from 'node:path';
import { DEFAULT_MFA_REQUIRED_ROLES } from '../app/identity/identity-settings.js';
import { parseSecretKey } from '../app/identity/secret-box.js';
import { variable, type VariableName } from './config-variables.js';
import { isRole, type Role } from '../domain/roles.js';
import { isProxyEntry, type TrustProxy } from '../http/proxy-trust.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  databaseConnectTimeoutSeconds: number;
  /** 0: no statement_timeout. */
  databaseStatementTimeoutSeconds: number;
  bootstrapToken: string | undefined;
  sessionTtlHours: number;
  trustProxy: TrustProxy;
  publicUrl: string | undefined;
  logLevel: string;
  runJobs: boolean;
  runProber: boolean;
  /** How long a replica's lease on its probe shards lasts without renewal (ADR 0018). */
  probeLeaseSeconds: number;
  probeRetentionDays: number;
  statusCacheSeconds: number;
  webDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  deskAddress: string | undefined;
  inboundSmtpPort: number | undefined;
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
  /** Scheduled backups: the folder (none: no schedule), how many archives to keep, how often. */
  backupDir: string | undefined;
  backupKeep: number;
  backupIntervalHours: number;
  /** Things worth saying in the start-up log about how a setting was read. */
  notices: string[];
}

/** The variables and their defaults are declared in config-variables.ts; this file only parses them. */
export { CONFIG_VARIABLES } from './config-variables.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; lists every problem, not only the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  // Every read goes through a declared name, and every default comes from its declaration.
  const read = (name: VariableName): string | undefined => env[name] || undefined;
  const text = (name: VariableName): string => read(name) ?? variable(name).default ?? '';
  const int = (name: VariableName, min: number, max: number): number => {
    const raw = read(name);
    const fallback = Number(variable(name).default);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: VariableName): boolean => {
    const raw = read(name)?.toLowerCase();
    const fallback = variable(name).default === 'true';
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${read(name)}")`);
    return fallback;
  };

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const bootstrapToken = read('KOPA_BOOTSTRAP_TOKEN');
  if (bootstrapToken && bootstrapToken.length < 24) problems.push('KOPA_BOOTSTRAP_TOKEN must have at least 24 characters');
  const publicUrl = read('KOPA_PUBLIC_URL');
  if (publicUrl && !/^https?:\/\/[^\s]+$/.test(publicUrl)) problems.push('KOPA_PUBLIC_URL must be an http(s) URL');
  const smtpUrl = read('KOPA_SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('KOPA_SMTP_URL must start with smtp:// or smtps://');
  const deskAddress = read('KOPA_DESK_ADDRESS')?.trim().toLowerCase();
  if (deskAddress && !/^[^@+\s]+@[^@\s]+\.[^@\s]+$/.test(deskAddress)) problems.push('KOPA_DESK_ADDRESS must be an e-mail address without a + (e.g. atbalsts@kopa.rda.lv)');
  if (read('KOPA_INBOUND_SMTP_PORT') !== undefined && !deskAddress) problems.push('KOPA_DESK_ADDRESS must be set when KOPA_INBOUND_SMTP_PORT is (mail is received at the desk address)');
  const webhookUrl = read('KOPA_WEBHOOK_URL');
  const webhookSecret = read('KOPA_WEBHOOK_SECRET');
  if (webhookUrl && !/^https?:\/\/[^\s]+$/.test(webhookUrl)) problems.push('KOPA_WEBHOOK_URL must be an http(s) URL');
  if (webhookUrl && (!webhookSecret || webhookSecret.length < 16)) problems.push('KOPA_WEBHOOK_SECRET must be set (at least 16 characters) when KOPA_WEBHOOK_URL is');
  const mfaRequiredRoles = parseRoles(read('KOPA_MFA_REQUIRED_ROLES'), problems);
  let secretKey: Buffer | undefined;
  const secretKeyText = read('KOPA_SECRET_KEY');
  if (secretKeyText) {
    secretKey = parseSecretKey(secretKeyText) ?? undefined;
    if (!secretKey) problems.push('KOPA_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32) or 64 hex digits');
  }
  const metricsToken = read('KOPA_METRICS_TOKEN');
  if (metricsToken && (metricsToken.length < 24 || /\s/.test(metricsToken))) problems.push('KOPA_METRICS_TOKEN must have at least 24 characters and no spaces');
  const metricsAddress = parseListenAddress(read('KOPA_METRICS_ADDRESS'), 'KOPA_METRICS_ADDRESS', problems);
  const notices: string[] = [];
  const trustProxy = parseTrustProxy(read('KOPA_TRUST_PROXY'), problems, notices);
  const logLevel = text('LOG_LEVEL');
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port: int('PORT', 0, 65535),
    host: text('HOST'),
    dataDir: resolve(text('KOPA_DATA_DIR')),
    databaseUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', 1, 200),
    databaseConnectTimeoutSeconds: int('KOPA_DATABASE_CONNECT_TIMEOUT_SECONDS', 1, 120),
    databaseStatementTimeoutSeconds: int('KOPA_DATABASE_STATEMENT_TIMEOUT_SECONDS', 0, 3600),
    bootstrapToken,
    sessionTtlHours: int('KOPA_SESSION_HOURS', 1, 24 * 30),
    trustProxy,
    publicUrl,
    logLevel,
    runJobs: bool('KOPA_JOBS'),
    runProber: bool('KOPA_PROBER'),
    probeLeaseSeconds: int('KOPA_PROBE_LEASE_SECONDS', 3, 600),
    probeRetentionDays: int('KOPA_PROBE_RETENTION_DAYS', 7, 3650),
    statusCacheSeconds: int('KOPA_STATUS_CACHE_SECONDS', 0, 3600),
    webDir: resolve(read('KOPA_WEB_DIR') ?? new URL('../../web/dist', import.meta.url).pathname),
    smtpUrl,
    mailFrom: text('KOPA_MAIL_FROM'),
    deskAddress,
    inboundSmtpPort: read('KOPA_INBOUND_SMTP_PORT') === undefined ? undefined : int('KOPA_INBOUND_SMTP_PORT', 1, 65535),
    webhookUrl,
    webhookSecret,
    mfaRequiredRoles,
    secretKey,
    metricsToken,
    metricsAddress,
    shutdownTimeoutSeconds: int('KOPA_SHUTDOWN_TIMEOUT_SECONDS', 1, 600),
    backupDir: read('KOPA_BACKUP_DIR') ? resolve(read('KOPA_BACKUP_DIR')!) : undefined,
    backupKeep: int('KOPA_BACKUP_KEEP', 1, 1000),
    backupIntervalHours: int('KOPA_BACKUP_INTERVAL_HOURS', 1, 168),
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

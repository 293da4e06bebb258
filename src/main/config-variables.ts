import { DEFAULT_MFA_REQUIRED_ROLES } from '../app/identity/identity-settings.js';

/**
 * Every environment variable Kopa reads: the configuration loader (config.ts) reads through these
 * names only, `npm run docs:config` writes docs/configuration.md from them, and a test fails when
 * code under src/ reads a variable not declared here or the document is out of date.
 */

/** The `kopa` commands; `serve` stands for `demo` too. */
export type Command = 'serve' | 'migrate' | 'user' | 'token' | 'audit' | 'usage' | 'backup' | 'restore' | 'agent';

export interface ConfigVariable {
  name: string;
  /** The value used when the variable is unset or empty; null when there is none. */
  default: string | null;
  /** How the default reads in the reference, when the value alone would not say it. */
  defaultText?: string;
  meaning: string;
  commands: readonly Command[];
}

const SERVER: readonly Command[] = ['serve'];
const DATABASE: readonly Command[] = ['serve', 'migrate', 'user', 'token', 'audit', 'usage', 'backup', 'restore'];
const RUNTIME: readonly Command[] = ['serve', 'user', 'token', 'audit', 'usage'];

export const CONFIG_VARIABLES = [
  { name: 'PORT', default: '3000', meaning: 'HTTP port (`--port` overrides)', commands: SERVER },
  { name: 'HOST', default: '127.0.0.1', meaning: 'Address to listen on; `0.0.0.0` in containers (`--host` overrides)', commands: SERVER },
  { name: 'KOPA_DATA_DIR', default: './data', meaning: 'Folder of the embedded PGlite database, used when `DATABASE_URL` is not set (`--data-dir` overrides)', commands: DATABASE },
  { name: 'DATABASE_URL', default: null, meaning: 'PostgreSQL 15+ connection string (`postgres://…`); when set, PGlite is not used', commands: DATABASE },
  { name: 'DATABASE_POOL_SIZE', default: '10', meaning: 'Connections per replica to PostgreSQL (1–200)', commands: RUNTIME },
  { name: 'KOPA_DATABASE_CONNECT_TIMEOUT_SECONDS', default: '5', meaning: 'How long (1–120 s) a request waits for a PostgreSQL connection — a new one, or a free one from a busy pool — before it is answered 503 `database_unavailable` with `Retry-After`', commands: RUNTIME },
  { name: 'KOPA_DATABASE_STATEMENT_TIMEOUT_SECONDS', default: '60', meaning: 'PostgreSQL `statement_timeout` (0–3600 s, 0 = none) of every session except the migrations, so one stuck statement cannot hold a connection and its request for ever', commands: RUNTIME },
  { name: 'KOPA_BOOTSTRAP_TOKEN', default: null, meaning: 'At least 24 characters; registered at start-up as an operator API token (idempotent; a revoked one stays revoked), so automation can provision a fresh instance', commands: SERVER },
  { name: 'KOPA_SESSION_HOURS', default: '12', meaning: 'Sign-in session lifetime in hours, renewed while in use', commands: SERVER },
  { name: 'KOPA_TRUST_PROXY', default: 'false', meaning: 'Reverse proxies whose `X-Forwarded-For`/`-Proto` are believed: a hop count (`1` for one proxy in front) or the proxies\' addresses and CIDR ranges (`10.0.0.5,10.0.1.0/24`, also `loopback`). The client is the first untrusted address from the right, so entries a client forges further left are never read; this address is what login throttling counts and the audit log records, and `https` from a trusted proxy makes session cookies `Secure`. `true` still works and means one hop. Prefer addresses: a hop count believes whoever connects', commands: SERVER },
  { name: 'KOPA_METRICS_TOKEN', default: null, meaning: 'At least 24 characters; `/metrics` on the main port then answers Prometheus when it sends `Authorization: Bearer <token>` (401 otherwise). Without a token the main port serves no metrics (404)', commands: SERVER },
  { name: 'KOPA_METRICS_ADDRESS', default: null, meaning: '`host:port` (e.g. `10.0.0.7:9464`, `[::1]:9464`) of a separate listener that serves only `/metrics`, for an internal network; it asks for `KOPA_METRICS_TOKEN` too when that is set', commands: SERVER },
  { name: 'KOPA_PUBLIC_URL', default: null, meaning: 'The public address, printed at start-up and used in e-mailed links; passkeys are bound to its host name and single sign-on’s redirect URI is `{KOPA_PUBLIC_URL}/api/v1/auth/oidc/callback` (without it, to the host the browser used — fine for `localhost`, set it in production)', commands: SERVER },
  { name: 'KOPA_WEB_DIR', default: null, defaultText: '`web/dist` of the installation', meaning: 'Folder of the built web UI', commands: SERVER },
  { name: 'LOG_LEVEL', default: 'info', meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`; logs are JSON lines (pino)', commands: ['serve', 'agent'] },
  { name: 'KOPA_JOBS', default: 'true', meaning: 'Run the background job worker in this process', commands: SERVER },
  { name: 'KOPA_PROBER', default: 'true', meaning: 'Probe the monitors located at `local` from this process. Replicas share them: each holds leases on some of 64 shards of the monitors and probes only those (docs/adr/0018-work-shared-by-leases.md)', commands: SERVER },
  { name: 'KOPA_PROBE_LEASE_SECONDS', default: '30', meaning: 'Lease period (3–600 s) of a replica\'s probe shards, renewed every third of it: when a replica dies without handing its shards back, the others take them over within this time, so its monitors go unprobed for at most this long. Shorter means quicker takeover and more database round trips (one every third of it per replica)', commands: SERVER },
  { name: 'KOPA_STATUS_CACHE_SECONDS', default: '15', meaning: 'How long (0–3600 s) one computation of the public status page (`GET /api/v1/status` and its feeds) serves every visitor; after that the page keeps answering with it while the next is computed (the feeds wait for theirs). An answer is kept in the database every 30 s and when the server stops, and a server that starts within a minute of the last one kept (after a restart, a crash, or beside another replica) answers with it while it computes its own. With no answer in hand and the 90 days to compute for the first time (a first start over history, an upgrade), it answers at once with each service\'s state now, `history: "computing"` (ADR 0029). 0 computes it for each request and keeps nothing; each request then waits for its own computation, the history\'s first included', commands: SERVER },
  { name: 'KOPA_PROBE_RETENTION_DAYS', default: '90', meaning: 'Days raw probe results are kept (7–3650); whole months are dropped once rolled up (reports read the rollups)', commands: SERVER },
  { name: 'KOPA_AGENT_TOKEN', default: null, meaning: 'Operator API token for `kopa agent` when `--token` is not given', commands: ['agent'] },
  { name: 'KOPA_SMTP_URL', default: null, meaning: 'SMTP server for e-mail notifications, e.g. `smtps://user:pass@mail.example.lv:465`; without it no e-mail is sent', commands: SERVER },
  { name: 'KOPA_MAIL_FROM', default: 'Kopa <kopa@rda.lv>', meaning: 'Sender of notification e-mails', commands: SERVER },
  { name: 'KOPA_DESK_ADDRESS', default: null, meaning: 'The service desk\'s e-mail address, e.g. `atbalsts@kopa.rda.lv`. Ticket mail names `<local>+<ticket number>@<domain>` as its reply address, and mail the inbound listener receives for these addresses opens or answers tickets; without it ticket mail carries no reply address and inbound mail is refused', commands: SERVER },
  { name: 'KOPA_INBOUND_SMTP_PORT', default: null, meaning: 'Port of the inbound SMTP listener (behind the agency\'s mail server, which forwards the desk mailbox to it); unset, Kopa receives no mail. Needs `KOPA_DESK_ADDRESS`; the largest mail taken is one 10 MB attachment encoded plus 1 MB', commands: SERVER },
  { name: 'KOPA_WEBHOOK_URL', default: null, meaning: 'Endpoint that receives signed JSON notifications (ticket escalations)', commands: SERVER },
  { name: 'KOPA_WEBHOOK_SECRET', default: null, meaning: 'Key of the `X-Kopa-Signature: sha256=<HMAC-SHA256 of the body>` header, at least 16 characters; required with `KOPA_WEBHOOK_URL`', commands: SERVER },
  { name: 'KOPA_MFA_REQUIRED_ROLES', default: DEFAULT_MFA_REQUIRED_ROLES.join(','), meaning: 'Roles that must enrol a second factor (TOTP or passkey) right after the password and can do nothing else until then; a comma list, or `none`', commands: SERVER },
  { name: 'KOPA_SHUTDOWN_TIMEOUT_SECONDS', default: '20', meaning: 'After `SIGTERM`/`SIGINT`, how long (1–600 s) `kopa serve` and `kopa agent` may take to finish requests, jobs and probes in flight and hand back claimed jobs; past it they exit with code 1 and a log line', commands: ['serve', 'agent'] },
  { name: 'KOPA_SECRET_KEY', default: null, defaultText: 'generated into `KOPA_DATA_DIR/secret.key` with PGlite', meaning: '32 random bytes in base64 (`openssl rand -base64 32`) or 64 hex digits; encrypts the authenticator-app secrets and identity providers’ client secrets at rest (AES-256-GCM). **Required with `DATABASE_URL`** (`kopa serve` refuses to start without it), the same on every replica; keep it outside the database backups, since losing it means everyone re-enrols their authenticator app', commands: RUNTIME },
  { name: 'KOPA_BACKUP_DIR', default: null, meaning: 'Folder for scheduled backups (`kopa backup` archives named `kopa-backup-<UTC time>.jsonl.gz`, readable by the owner only); unset, nothing is scheduled. Run once per interval across all replicas by the job worker, so give every replica with `KOPA_JOBS` the same folder (shared storage) — a replica without it fails the job and alerts. Keep it off the database\'s disk and copy it elsewhere', commands: SERVER },
  { name: 'KOPA_BACKUP_KEEP', default: '7', meaning: 'How many scheduled archives the folder keeps (1–1000); older ones are deleted after each good backup, never after a failed one', commands: SERVER },
  { name: 'KOPA_BACKUP_INTERVAL_HOURS', default: '24', meaning: 'Hours between scheduled backups (1–168), counted from midnight UTC; a failed backup alerts the operators (e-mail, webhooks) and is retried with back-off', commands: SERVER },
] as const satisfies readonly ConfigVariable[];

export type VariableName = (typeof CONFIG_VARIABLES)[number]['name'];

export function variable(name: VariableName): ConfigVariable {
  return CONFIG_VARIABLES.find((v) => v.name === name)!;
}

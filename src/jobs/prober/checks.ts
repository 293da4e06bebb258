import { Resolver } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls, { type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { DnsCache } from './dns-cache.js';

/** What one probe found. `error` says why it failed; `warning` flags a passing check that needs attention soon. */
export interface CheckOutcome {
  ok: boolean;
  latencyMs: number | null;
  error: string | null;
  warning: string | null;
}

export type ProbeTarget = Pick<Monitor, 'type' | 'target' | 'config' | 'timeoutMs'>;

export interface CheckContext {
  dns: DnsCache;
  agents: { http: http.Agent; https: https.Agent };
  now: () => number;
}

const DAY_MS = 86_400_000;
const MAX_BODY_BYTES = 1_048_576;

const pass = (latencyMs: number, warning: string | null = null): CheckOutcome => ({ ok: true, latencyMs, error: null, warning });
const fail = (error: string, latencyMs: number | null = null): CheckOutcome => ({ ok: false, latencyMs, error: error.slice(0, 500), warning: null });

/**
 * How long an idle kept connection is kept at most. Node's agent takes a server's `Keep-Alive:
 * timeout=N` hint (less a second) only when it has a timeout of its own; without one it kept every
 * connection until the server closed it, and a check sent as the server's idle timeout ended met a
 * hang-up (sent again, ADR 0018, 2026-12-07). An hour: longer than monitors' intervals are in
 * practice, so a server that gives no hint keeps its connection from check to check as before.
 */
const IDLE_CONNECTION_MS = 3_600_000;

export function createCheckContext(dns: DnsCache, maxSockets = 256): CheckContext {
  const kept = { keepAlive: true, maxSockets, timeout: IDLE_CONNECTION_MS };
  return {
    dns,
    // Keep-alive so that a thousand checks a minute do not each pay for a new TLS handshake.
    agents: { http: new http.Agent(kept), https: new https.Agent(kept) },
    now: () => performance.now(),
  };
}

export function closeCheckContext(context: CheckContext): void {
  context.agents.http.destroy();
  context.agents.https.destroy();
}

export async function runCheck(monitor: ProbeTarget, context: CheckContext): Promise<CheckOutcome> {
  try {
    switch (monitor.type) {
      case 'http':
        return await checkHttp(monitor, context);
      case 'tcp':
        return await checkTcp(monitor, context);
      case 'dns':
        return await checkDns(monitor, context);
      case 'tls':
        return await checkTls(monitor, context);
      case 'push':
        return fail('push monitors are not probed: the monitored system reports its own beats');
    }
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

function expiryNote(cert: PeerCertificate | undefined, warnDays: number, now: number): { error: string | null; warning: string | null } {
  if (!cert?.valid_to) return { error: null, warning: null };
  const left = (Date.parse(cert.valid_to) - now) / DAY_MS;
  if (left < 0) return { error: `certificate expired on ${new Date(cert.valid_to).toISOString().slice(0, 10)}`, warning: null };
  if (left < warnDays) return { error: null, warning: `certificate expires in ${Math.floor(left)} days` };
  return { error: null, warning: null };
}

/** Reads a dotted path such as `status.database` or `checks.0.ok` from parsed JSON. */
export function readJsonPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Methods a client may send again by itself when a connection fails (RFC 9110, 9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

function statusExpected(status: number, expected: unknown): boolean {
  if (Array.isArray(expected)) return expected.includes(status);
  if (typeof expected === 'number') return status === expected;
  return status >= 200 && status < 400;
}

function checkHttp(monitor: ProbeTarget, context: CheckContext): Promise<CheckOutcome> {
  const config = monitor.config;
  const url = new URL(monitor.target!);
  const secure = url.protocol === 'https:';
  const method = typeof config.method === 'string' ? config.method : 'GET';
  const keyword = typeof config.keyword === 'string' ? config.keyword : null;
  const jsonPath = typeof config.jsonPath === 'string' ? config.jsonPath : null;
  const needsBody = method !== 'HEAD' && (keyword !== null || jsonPath !== null);
  let resolve!: (outcome: CheckOutcome) => void;
  const outcome = new Promise<CheckOutcome>((r) => (resolve = r));
  send(false);
  return outcome;

  function send(again: boolean): void {
    const started = context.now();
    let answered = false;
    const request = (secure ? https : http).request(
      url,
      {
        method,
        // Sent again: on a connection of its own, never on another kept one that may be as stale.
        agent: again ? false : secure ? context.agents.https : context.agents.http,
        lookup: context.dns.lookup as never,
        timeout: monitor.timeoutMs,
        headers: { 'user-agent': 'Kopa-prober/1', ...(config.headers as Record<string, string> | undefined) },
        // An invalid certificate fails the check unless the monitor says otherwise.
        rejectUnauthorized: config.allowInvalidCertificate !== true,
      },
      (response) => {
        answered = true;
        // Read the certificate now: by 'end' a keep-alive agent may have taken the socket back (response.socket is null).
        const cert = secure ? (response.socket as TLSSocket).getPeerCertificate() : undefined;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (!needsBody) return;
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        response.on('error', (error) => resolve(fail(error.message)));
        response.on('end', () => {
          const latency = Math.round(context.now() - started);
          const status = response.statusCode ?? 0;
          if (!statusExpected(status, config.expectedStatus)) return resolve(fail(`HTTP status ${status}`, latency));
          const body = Buffer.concat(chunks).toString('utf8');
          if (keyword !== null && !body.includes(keyword)) return resolve(fail(`keyword "${keyword}" not found`, latency));
          if (jsonPath !== null) {
            let parsed: unknown;
            try {
              parsed = JSON.parse(body);
            } catch {
              return resolve(fail('response is not JSON', latency));
            }
            const found = readJsonPath(parsed, jsonPath);
            if ('jsonExpected' in config ? found !== config.jsonExpected : found === undefined || found === null || found === false) {
              return resolve(fail(`${jsonPath} is ${JSON.stringify(found)}`, latency));
            }
          }
          if (typeof config.maxLatencyMs === 'number' && latency > config.maxLatencyMs) return resolve(fail(`slow: ${latency} ms over the ${config.maxLatencyMs} ms limit`, latency));
          const expiry = expiryNote(cert, typeof config.certExpiryDays === 'number' ? config.certExpiryDays : 14, Date.now());
          resolve(expiry.error ? fail(expiry.error, latency) : pass(latency, expiry.warning));
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`timed out after ${monitor.timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed as this request went out on it (its idle timeout
      // ended just then): the request never reached the service, so it goes once more on a new
      // connection, as RFC 9110 (9.2.2) lets a client do with an idempotent method. Not a failure of
      // the service: counting it as one failed whole monitors slot after slot (ADR 0018, 2026-12-07).
      if (!again && !answered && request.reusedSocket && IDEMPOTENT_METHODS.has(method.toUpperCase()) && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) return send(true);
      resolve(fail(error.message));
    });
    request.end();
  }
}

function splitHostPort(target: string, defaultPort: number): { host: string; port: number } {
  const at = target.lastIndexOf(':');
  return at > 0 ? { host: target.slice(0, at), port: Number(target.slice(at + 1)) } : { host: target, port: defaultPort };
}

function checkTcp(monitor: ProbeTarget, context: CheckContext): Promise<CheckOutcome> {
  const { host, port } = splitHostPort(monitor.target!, 0);
  const started = context.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, lookup: context.dns.lookup as never, timeout: monitor.timeoutMs });
    socket.once('connect', () => {
      const latency = Math.round(context.now() - started);
      socket.destroy();
      resolve(pass(latency));
    });
    socket.once('timeout', () => socket.destroy(new Error(`timed out after ${monitor.timeoutMs} ms`)));
    socket.once('error', (error) => resolve(fail(error.message)));
  });
}

function checkTls(monitor: ProbeTarget, context: CheckContext): Promise<CheckOutcome> {
  const { host, port } = splitHostPort(monitor.target!, 443);
  const warnDays = typeof monitor.config.certExpiryDays === 'number' ? monitor.config.certExpiryDays : 14;
  const started = context.now();
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, ...(net.isIP(host) === 0 && { servername: host }), lookup: context.dns.lookup as never, timeout: monitor.timeoutMs, rejectUnauthorized: monitor.config.allowInvalidCertificate !== true });
    socket.once('secureConnect', () => {
      const latency = Math.round(context.now() - started);
      const expiry = expiryNote(socket.getPeerCertificate(), warnDays, Date.now());
      socket.destroy();
      // A certificate monitor exists to warn: expiring within the warning period fails it.
      if (expiry.error) return resolve(fail(expiry.error, latency));
      if (expiry.warning) return resolve(fail(expiry.warning, latency));
      resolve(pass(latency));
    });
    socket.once('timeout', () => socket.destroy(new Error(`timed out after ${monitor.timeoutMs} ms`)));
    socket.once('error', (error) => resolve(fail(error.message)));
  });
}

type RecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'NS';

async function checkDns(monitor: ProbeTarget, context: CheckContext): Promise<CheckOutcome> {
  const recordType = (typeof monitor.config.recordType === 'string' ? monitor.config.recordType : 'A') as RecordType;
  const expected = typeof monitor.config.expected === 'string' ? monitor.config.expected : null;
  const resolver = new Resolver({ timeout: monitor.timeoutMs, tries: 1 });
  if (Array.isArray(monitor.config.servers)) resolver.setServers(monitor.config.servers as string[]);
  const started = context.now();
  const answers = await resolveRecords(resolver, monitor.target!, recordType);
  const latency = Math.round(context.now() - started);
  if (answers.length === 0) return fail(`no ${recordType} record`, latency);
  if (expected !== null && !answers.includes(expected)) return fail(`${recordType} is ${answers.join(', ')}, expected ${expected}`, latency);
  return pass(latency);
}

async function resolveRecords(resolver: Resolver, host: string, type: RecordType): Promise<string[]> {
  switch (type) {
    case 'MX':
      return (await resolver.resolveMx(host)).map((r) => r.exchange);
    case 'TXT':
      return (await resolver.resolveTxt(host)).map((parts) => parts.join(''));
    default:
      return resolver.resolve(host, type) as Promise<string[]>;
  }
}

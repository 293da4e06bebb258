import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = '/usr/sbin/nginx';
export const NGINX_CONF = fileURLToPath(new URL('../../deploy/nginx/kopa.conf', import.meta.url));
export const HAVE_NGINX = existsSync(NGINX);

export interface NginxPorts {
  https: number;
  http: number;
  replicas: [number, number];
}

/**
 * deploy/nginx/kopa.conf with only what a test must change: the ports it listens on, the replicas'
 * ports and the certificate files. Anything else in it is what runs in production.
 */
export function templateKopaConf(ports: NginxPorts, cert: { certFile: string; keyFile: string }): string {
  const original = readFileSync(NGINX_CONF, 'utf8');
  const replaced = original
    .replace('server 127.0.0.1:3001 ', `server 127.0.0.1:${ports.replicas[0]} `)
    .replace('server 127.0.0.1:3002 ', `server 127.0.0.1:${ports.replicas[1]} `)
    .replace('listen 80;', `listen 127.0.0.1:${ports.http};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${ports.https} ssl http2;`)
    .replace('/etc/ssl/kopa/fullchain.pem', cert.certFile)
    .replace('/etc/ssl/kopa/privkey.pem', cert.keyFile);
  for (const left of ['127.0.0.1:3001', '127.0.0.1:3002', 'listen 80;', 'listen 443', '/etc/ssl/kopa/']) {
    if (replaced.includes(left)) throw new Error(`deploy/nginx/kopa.conf changed shape: "${left}" was not templated`);
  }
  return replaced;
}

/** A private nginx: its own prefix, pid, logs and temp folders, in the foreground, the site file included. */
function writeMainConf(prefix: string, site: string): string {
  const siteFile = join(prefix, 'kopa.conf');
  writeFileSync(siteFile, site);
  for (const dir of ['logs', 'tmp']) mkdirSync(join(prefix, dir), { recursive: true });
  const main = join(prefix, 'nginx.conf');
  writeFileSync(
    main,
    [
      // As root, workers would otherwise switch to `nobody`, who cannot write the private temp folders.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      'daemon off;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'logs/error.log')} warn;`,
      'events { worker_connections 512; }',
      'http {',
      `  access_log ${join(prefix, 'logs/access.log')};`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(prefix, 'tmp', t)};`),
      `  include ${siteFile};`,
      '}',
    ].join('\n'),
  );
  return main;
}

/** `nginx -t` of the site file inside a private main configuration. */
export function testNginxConf(site: string): { ok: boolean; output: string } {
  const prefix = mkdtempSync(join(tmpdir(), 'kopa-nginx-t-'));
  try {
    const main = writeMainConf(prefix, site);
    const result = spawnSync(NGINX, ['-t', '-p', prefix, '-c', main], { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

export interface RunningNginx {
  child: ChildProcess;
  prefix: string;
  errorLog(): string;
  stop(): Promise<void>;
}

/** Starts nginx with the site file and waits until it accepts TLS connections on `port`. */
export async function startNginx(site: string, port: number): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'kopa-nginx-'));
  const main = writeMainConf(prefix, site);
  const child = spawn(NGINX, ['-p', prefix, '-c', main], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { connect } = await import('node:net');
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() - started > 15_000) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not listen on ${port}: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    prefix,
    errorLog: () => {
      try {
        return readFileSync(join(prefix, 'logs/error.log'), 'utf8');
      } catch {
        return '';
      }
    },
    stop: async () => {
      // SIGQUIT: nginx's graceful stop.
      if (child.exitCode === null) child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

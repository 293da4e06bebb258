import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPILED_BIN, compiledIsCurrent } from '../support/kopa-command.js';
import { serverEnv, spawnServer } from '../support/server-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_ENTRY = join(ROOT, 'dist/main/kopa.js');
const RECORDER = join(ROOT, 'test/support/record-modules.js');
const work = mkdtempSync(join(tmpdir(), 'kopa-compiled-'));

/** The module URLs a process recorded (see test/support/record-modules.js). */
function modulesIn(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

function expectNoTypeScript(modules: string[]) {
  expect(modules.filter((url) => /\.(ts|tsx|mts|cts)$/.test(url))).toEqual([]);
  // Our own src/ (a dependency may keep its JavaScript in a src/ folder of its own, as mailparser's does).
  const ownSource = new URL('../../src/', import.meta.url).href;
  expect(modules.filter((url) => url.includes('/node_modules/tsx/') || url.startsWith(ownSource))).toEqual([]);
  expect(modules.filter((url) => url.includes('/dist/main/kopa.js')).length).toBeGreaterThan(0);
}

/** The npm packages among the modules a process resolved. */
function packagesIn(modules: string[]): Set<string> {
  return new Set(modules.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
}

/**
 * Packages `kopa serve` loads on first use, not at start (ADR 0025, "2026-12-06, night"): mail
 * sending and parsing, the SMTP listener (only when configured), the OpenID Connect client.
 */
const LOADED_ON_FIRST_USE = ['nodemailer', 'mailparser', 'smtp-server', 'openid-client', 'jose'];

// What production runs: `node bin/kopa.js`, the compiled dist/ that `npm run build` makes
// (npm test builds first), with no TypeScript and no tsx at run time.
describe('the compiled server (bin/kopa.js → dist/)', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is built and not older than the sources', () => {
    expect(existsSync(DIST_ENTRY), 'dist/ is missing: run `npm run build`').toBe(true);
    expect(compiledIsCurrent(), 'dist/ is older than src/: run `npm run build`').toBe(true);
    expect(readdirSync(join(ROOT, 'dist/db/migrations')).sort()).toEqual(readdirSync(join(ROOT, 'src/db/migrations')).sort());
  });

  it('keeps tsx a development dependency and names the supported runtimes', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; engines: { node: string } };
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
    expect(pkg.engines.node).toBe('>=22.13 <25');
  });

  // One data folder through the commands an operator runs, in order.
  const dataDir = join(work, 'data');
  const password = 'compiled-server-2026';

  function compiled(record: string, ...args: string[]) {
    return spawnSync(process.execPath, ['--import', RECORDER, COMPILED_BIN, ...args], { cwd: work, env: serverEnv({ RECORD_MODULES_TO: record }), encoding: 'utf8', timeout: 90_000 });
  }

  it('migrates a database and creates a user, loading no TypeScript', () => {
    const record = join(work, 'commands-modules.txt');
    const migrated = compiled(record, 'migrate', '--data-dir', dataDir);
    expect(migrated.stderr).toBe('');
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toContain('Applied: 001_foundation');
    const created = compiled(record, 'user', 'create', '--email', 'operator@compiled.test', '--name', 'Operators', '--role', 'operator', '--password', password, '--data-dir', dataDir);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expectNoTypeScript(modulesIn(record));
  }, 180_000);

  it('serves the API and the UI, stops on SIGTERM, and loaded no TypeScript', async () => {
    const record = join(work, 'serve-modules.txt');
    const server = await spawnServer(['--import', RECORDER, COMPILED_BIN, 'serve', '--port', '0', '--data-dir', dataDir], serverEnv({ RECORD_MODULES_TO: record }), { cwd: work });
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      const login = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'operator@compiled.test', password }),
      });
      expect(login.status).toBe(200);
      const cookie = /kopa_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
      expect((await fetch(`${server.url}/api/v1/tenants`, { headers: { cookie } })).status).toBe(200);
      expect((await fetch(`${server.url}/openapi.json`)).status).toBe(200);
      expect((await fetch(`${server.url}/`)).headers.get('content-type')).toContain('text/html');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect((await server.exited).code).toBe(0);
    expectNoTypeScript(modulesIn(record));
    const packages = packagesIn(modulesIn(record));
    expect(packages.has('@electric-sql/pglite') && packages.has('fastify'), 'the recorder saw the packages the server runs on').toBe(true);
    expect(LOADED_ON_FIRST_USE.filter((name) => packages.has(name))).toEqual([]);
  }, 180_000);

  it('says in one line to build when dist/ is missing', () => {
    const bare = join(work, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    copyFileSync(COMPILED_BIN, join(bare, 'bin/kopa.js'));
    const result = spawnSync(process.execPath, [join(bare, 'bin/kopa.js'), '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('run `npm run build` first')]);
  });
});

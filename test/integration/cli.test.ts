import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kopaCommand } from '../support/kopa-command.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kopa-cli-'));

function kopa(...args: string[]) {
  const env = { ...process.env, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, kopaCommand(...args), { env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the kopa command (PGlite data folder)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('explains itself and every command', () => {
    const top = kopa('--help');
    expect(top.code).toBe(0);
    for (const command of ['serve', 'demo', 'migrate', 'user', 'token', 'audit']) expect(top.out).toContain(command);
    const create = kopa('user', 'create', '--help');
    expect(create.code).toBe(0);
    expect(create.out).toContain('--email');
    expect(kopa('audit', 'verify', '--help').out).toContain('exits 1');
    expect(kopa('agent', '--help').out).toContain('--location <name>');
  });

  it('migrates an empty folder, then finds nothing to do', () => {
    const first = kopa('migrate', '--data-dir', dataDir);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Applied: 001_foundation');
    const again = kopa('migrate', '--data-dir', dataDir);
    expect(again.code).toBe(0);
    expect(again.out).toContain('up to date');
  });

  it('creates a user with a one-time password and an operator token', () => {
    const user = kopa('user', 'create', '--data-dir', dataDir, '--email', 'Anna@RDA.lv', '--name', 'Anna Bērziņa', '--role', 'operator');
    expect(user.code).toBe(0);
    expect(user.out).toMatch(/Created operator anna@rda\.lv/);
    expect(user.out).toMatch(/One-time password \(shown once\): \S{5}-\S{5}-\S{5}-\S{5}/);

    const token = kopa('token', 'create', '--data-dir', dataDir, '--name', 'provisioning script');
    expect(token.code).toBe(0);
    expect(token.out.trim().split('\n').pop()).toMatch(/^kopa_[A-Za-z0-9_-]{40,}$/);
  });

  it('fails clearly, with non-zero exit codes', () => {
    const missing = kopa('user', 'create', '--data-dir', dataDir, '--email', 'x@rda.lv');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain("required option '--name <name>' not specified");

    const badRole = kopa('user', 'create', '--data-dir', dataDir, '--email', 'x@rda.lv', '--name', 'X Y', '--role', 'king');
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toContain('Allowed choices are operator');

    const duplicate = kopa('user', 'create', '--data-dir', dataDir, '--email', 'anna@rda.lv', '--name', 'Anna Again', '--role', 'operator');
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toContain('already exists');

    const weak = kopa('user', 'create', '--data-dir', dataDir, '--email', 'b@rda.lv', '--name', 'Bb Cc', '--role', 'auditor', '--password', 'short');
    expect(weak.code).toBe(2);
    expect(weak.err).toContain('password');

    const noTenant = kopa('token', 'create', '--data-dir', dataDir, '--name', 'x', '--role', 'tenant_admin', '--tenant', '90000031828');
    expect(noTenant.code).toBe(1);
    expect(noTenant.err).toContain('No municipality');

    const badConfig = spawnSync(process.execPath, kopaCommand('migrate'), { env: { ...process.env, PORT: 'x', DATABASE_URL: 'mysql://nope' }, encoding: 'utf8' });
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr).toContain('PORT');
    expect(badConfig.stderr).toContain('DATABASE_URL');

    expect(kopa('frobnicate').code).not.toBe(0);

    const badServer = kopa('agent', '--server', 'ftp://kopa.rda.lv', '--token', 'kopa_x', '--location', 'lvrtc');
    expect(badServer.code).toBe(2);
    expect(badServer.err).toContain('--server must be an http(s) URL');
    const badLocation = kopa('agent', '--server', 'https://kopa.rda.lv', '--token', 'kopa_x', '--location', 'LVRTC DC');
    expect(badLocation.code).toBe(2);
    expect(badLocation.err).toContain('--location');
  });

  it('will not serve PostgreSQL without KOPA_SECRET_KEY, and says so before touching the database', () => {
    // Nothing listens on port 9: a connection attempt would fail differently.
    const env = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://kopa@127.0.0.1:9/kopa' } as NodeJS.ProcessEnv;
    delete env.KOPA_SECRET_KEY;
    const result = spawnSync(process.execPath, kopaCommand('serve', '--port', '0'), { env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('KOPA_SECRET_KEY must be set when DATABASE_URL is');
    const badKey = spawnSync(process.execPath, kopaCommand('migrate'), { env: { ...env, KOPA_SECRET_KEY: 'too-short' }, encoding: 'utf8', timeout: 60_000 });
    expect(badKey.status).toBe(2);
    expect(badKey.stderr).toContain('KOPA_SECRET_KEY must be 32 bytes');
  });

  it('verifies the audit chain written by the commands above', () => {
    const verify = kopa('audit', 'verify', '--data-dir', dataDir);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/Audit chain intact: 2 events verified/);
  });
});

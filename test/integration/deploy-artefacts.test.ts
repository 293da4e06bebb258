import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/main/config-variables.js';
import { HAVE_NGINX, templateKopaConf, testNginxConf } from '../support/nginx.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SYSTEMD_ANALYZE = '/usr/bin/systemd-analyze';
const HAVE_SYSTEMD_ANALYZE = existsSync(SYSTEMD_ANALYZE);
const UNITS = [
  { file: 'deploy/systemd/kopa@.service', instance: 'kopa@3001.service', user: 'kopa' },
  { file: 'deploy/systemd/kopa-agent@.service', instance: 'kopa-agent@lvrtc.service', user: 'kopa-agent' },
];
const work = mkdtempSync(join(tmpdir(), 'kopa-deploy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `Key=value` lines of a unit (the last one wins, as in systemd), comments skipped. */
function directives(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) map.set(m[1]!, [...(map.get(m[1]!) ?? []), m[2]!]);
  }
  return map;
}

function envExample(): Map<string, string> {
  const text = readFileSync(join(ROOT, 'deploy/kopa.env.example'), 'utf8');
  return new Map(text.split('\n').filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** An instance of the template, with `node` where this machine has it (the only path an operator may need to adjust). */
function instanceFile(unit: (typeof UNITS)[number]): string {
  const text = readFileSync(join(ROOT, unit.file), 'utf8').replaceAll('/usr/bin/node ', `${process.execPath} `);
  const path = join(work, unit.instance);
  writeFileSync(path, text);
  return path;
}

describe('systemd units in deploy/systemd', () => {
  for (const unit of UNITS) {
    it(`${unit.file}: hardened, restarted on failure, configured from an EnvironmentFile`, () => {
      const d = directives(readFileSync(join(ROOT, unit.file), 'utf8'));
      expect(d.get('User')).toEqual([unit.user]);
      expect(d.get('NoNewPrivileges')).toEqual(['yes']);
      expect(d.get('ProtectSystem')).toEqual(['strict']);
      expect(d.get('ProtectHome')).toEqual(['yes']);
      expect(d.get('PrivateTmp')).toEqual(['yes']);
      expect(d.get('CapabilityBoundingSet')).toEqual(['']);
      expect(d.get('EnvironmentFile')?.[0]).toMatch(/^\/etc\/kopa\/[a-z]+\.env$/);
      expect(d.get('Restart')?.[0]).toMatch(/^(on-failure|always)$/);
      expect(d.get('KillSignal')).toEqual(['SIGTERM']);
    });

    it(`${unit.file}: systemd waits longer than KOPA_SHUTDOWN_TIMEOUT_SECONDS before SIGKILL, so Kopa's own deadline and log line come first`, () => {
      const shutdown = Number(envExample().get('KOPA_SHUTDOWN_TIMEOUT_SECONDS'));
      // The example carries the default, so an operator who copies neither gets matching values.
      expect(String(shutdown)).toBe(CONFIG_VARIABLES.find((v) => v.name === 'KOPA_SHUTDOWN_TIMEOUT_SECONDS')!.default);
      const stop = directives(readFileSync(join(ROOT, unit.file), 'utf8')).get('TimeoutStopSec');
      expect(stop).toEqual([String(shutdown + 5)]);
    });

    it.runIf(HAVE_SYSTEMD_ANALYZE)(`${unit.file}: systemd-analyze verify finds nothing to say`, () => {
      const result = spawnSync(SYSTEMD_ANALYZE, ['verify', instanceFile(unit)], { encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });

    it.runIf(HAVE_SYSTEMD_ANALYZE)(`${unit.file}: systemd-analyze security rates its exposure low (under 3 of 10)`, () => {
      const result = spawnSync(SYSTEMD_ANALYZE, ['security', '--offline=true', '--no-pager', instanceFile(unit)], { encoding: 'utf8' });
      const level = /Overall exposure level for \S+: ([\d.]+)/.exec(result.stdout)?.[1];
      expect(level, result.stdout + result.stderr).toBeDefined();
      console.log(`  ${unit.instance}: systemd-analyze security exposure ${level}`);
      expect(Number(level)).toBeLessThan(3);
    });
  }

  it.skipIf(HAVE_SYSTEMD_ANALYZE)('systemd-analyze verify skipped: /usr/bin/systemd-analyze is not installed here', () => {});

  it('deploy/kopa.env.example names only variables Kopa reads', () => {
    const declared = new Set<string>(CONFIG_VARIABLES.map((v) => v.name));
    expect([...envExample().keys()].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('systemd-analyze verify does catch a broken unit (a missing program), so its silence above means something', { skip: !HAVE_SYSTEMD_ANALYZE }, () => {
    const broken = join(work, 'broken@1.service');
    writeFileSync(broken, readFileSync(join(ROOT, UNITS[0]!.file), 'utf8').replaceAll('/usr/bin/node ', '/nonexistent/node '));
    const result = spawnSync(SYSTEMD_ANALYZE, ['verify', broken], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
  });
});

describe('nginx configuration in deploy/nginx', () => {
  const conf = readFileSync(join(ROOT, 'deploy/nginx/kopa.conf'), 'utf8');

  it('balances two replicas, moves on from a failed one, forwards the client address and terminates TLS', () => {
    expect(conf.match(/^\s*server 127\.0\.0\.1:\d+ /gm)).toHaveLength(2);
    expect(conf).toMatch(/proxy_next_upstream error timeout http_502 http_503 http_504;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    expect(conf).toMatch(/listen 443 ssl/);
    expect(conf).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    expect(conf).toContain('KOPA_TRUST_PROXY');
  });

  it.runIf(HAVE_NGINX)('passes `nginx -t` with a certificate in place', () => {
    const certFile = join(work, 'cert.pem');
    const keyFile = join(work, 'key.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const result = testNginxConf(templateKopaConf({ https: 18443, http: 18080, replicas: [13001, 13002] }, { certFile, keyFile }));
    expect(result.output).toContain('syntax is ok');
    expect(result.ok, result.output).toBe(true);
  });

  it.skipIf(HAVE_NGINX)('nginx -t skipped: /usr/sbin/nginx is not installed here (.ci/run installs it)', () => {});
});

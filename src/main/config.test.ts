import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, sessionTtlHours: 12, trustProxy: false, runJobs: true, logLevel: 'info' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('caches the public status page for 15 s unless told otherwise, 0 meaning not at all', () => {
    expect(loadConfig({}).statusCacheSeconds).toBe(15);
    expect(loadConfig({ KOPA_STATUS_CACHE_SECONDS: '0' }).statusCacheSeconds).toBe(0);
    expect(() => loadConfig({ KOPA_STATUS_CACHE_SECONDS: '-1' })).toThrow(ConfigError);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', KOPA_TRUST_PROXY: 'maybe', KOPA_BOOTSTRAP_TOKEN: 'short', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.split(' ')[0]);
      expect(names.sort()).toEqual(['DATABASE_URL', 'KOPA_BOOTSTRAP_TOKEN', 'KOPA_TRUST_PROXY', 'LOG_LEVEL', 'PORT']);
    }
  });

  it('requires a second factor of the five administering roles unless told otherwise', () => {
    expect(loadConfig({}).mfaRequiredRoles).toEqual(['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin']);
    expect(loadConfig({ KOPA_MFA_REQUIRED_ROLES: ' operator, finance ' }).mfaRequiredRoles).toEqual(['operator', 'finance']);
    expect(loadConfig({ KOPA_MFA_REQUIRED_ROLES: 'none' }).mfaRequiredRoles).toEqual([]);
    expect(() => loadConfig({ KOPA_MFA_REQUIRED_ROLES: 'operator,king' })).toThrow(/KOPA_MFA_REQUIRED_ROLES has unknown roles: king/);
  });

  it('takes KOPA_SECRET_KEY as 32 bytes of base64 or hex', () => {
    const key = Buffer.alloc(32, 7);
    expect(loadConfig({ KOPA_SECRET_KEY: key.toString('base64') }).secretKey?.equals(key)).toBe(true);
    expect(loadConfig({ KOPA_SECRET_KEY: key.toString('hex') }).secretKey?.equals(key)).toBe(true);
    expect(loadConfig({}).secretKey).toBeUndefined();
    expect(() => loadConfig({ KOPA_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/KOPA_SECRET_KEY must be 32 bytes/);
    // Commands that never read a second factor (migrate, audit verify) run without one; `serve` refuses.
    expect(loadConfig({ DATABASE_URL: 'postgres://db/kopa' }).secretKey).toBeUndefined();
  });

  it('reads KOPA_TRUST_PROXY as no proxy, a hop count or proxy addresses', () => {
    for (const off of [undefined, '', 'false', 'no', '0']) expect(loadConfig({ KOPA_TRUST_PROXY: off })).toMatchObject({ trustProxy: false, notices: [] });
    expect(loadConfig({ KOPA_TRUST_PROXY: '2' })).toMatchObject({ trustProxy: 2, notices: [] });
    expect(loadConfig({ KOPA_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.5', '10.0.1.0/24', '::1', 'fd00::/8', 'loopback']);
  });

  it('keeps KOPA_TRUST_PROXY=true working as one hop and says so for the start-up log', () => {
    const config = loadConfig({ KOPA_TRUST_PROXY: 'true' });
    expect(config.trustProxy).toBe(1);
    expect(config.notices).toEqual([expect.stringMatching(/KOPA_TRUST_PROXY=true is read as one proxy hop/)]);
  });

  it('refuses a KOPA_TRUST_PROXY that is neither', () => {
    for (const bad of ['maybe', '11', '10.0.0.0/33', '10.0.0.5,proxy.example.lv', '10.0.0.1/8/2', '::1/129']) {
      expect(() => loadConfig({ KOPA_TRUST_PROXY: bad }), bad).toThrow(/KOPA_TRUST_PROXY must be false, a hop count from 1 to 10, or proxy addresses/);
    }
  });

  it('reads the metrics token and the separate metrics address', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: undefined, metricsAddress: undefined });
    expect(loadConfig({ KOPA_METRICS_TOKEN: 'x'.repeat(24), KOPA_METRICS_ADDRESS: '10.0.0.7:9464' })).toMatchObject({ metricsToken: 'x'.repeat(24), metricsAddress: { host: '10.0.0.7', port: 9464 } });
    expect(loadConfig({ KOPA_METRICS_ADDRESS: '[::1]:9464' }).metricsAddress).toEqual({ host: '::1', port: 9464 });
    for (const env of [{ KOPA_METRICS_TOKEN: 'short' }, { KOPA_METRICS_TOKEN: `${'x'.repeat(24)} y` }, { KOPA_METRICS_ADDRESS: '9464' }, { KOPA_METRICS_ADDRESS: '10.0.0.7:99999' }, { KOPA_METRICS_ADDRESS: '::1:9464' }]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(/KOPA_METRICS_(TOKEN|ADDRESS) must/);
    }
  });
});

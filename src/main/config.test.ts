import { describe, expect, it } from 'vitest';
import { ConfigError, CONFIG_VARIABLES, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, sessionTtlHours: 12, trustProxy: false, runJobs: true, logLevel: 'info' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
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

  it('documents every variable it reads in the README', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [name] of CONFIG_VARIABLES) expect(readme).toContain(`| \`${name}\``);
  });
});

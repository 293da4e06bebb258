import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_REFERENCE_FILE, configurationReference } from './config-reference.js';
import { CONFIG_VARIABLES } from './config-variables.js';

const SRC = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The environment variables the code under src/ reads: `process.env.X`, `env.X`, `env['X']`, and the
 * names config.ts hands its readers (`read('X')`, `int('X', …)` …). A read by a computed name is
 * reported as such, except the one reader in config.ts that every declared name goes through.
 */
function variablesReadBySource(): { names: Map<string, string[]>; computed: string[] } {
  const names = new Map<string, string[]>();
  const computed: string[] = [];
  const note = (name: string, file: string) => names.set(name, [...(names.get(name) ?? []), file]);
  for (const path of sourceFiles(SRC)) {
    const file = relative(SRC, path);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/\benv\??\.([A-Za-z_][A-Za-z0-9_]*)/g)) note(m[1]!, file);
    for (const m of text.matchAll(/\benv\??\.?\[\s*(['"`])([^'"`]+)\1\s*\]/g)) note(m[2]!, file);
    for (const m of text.matchAll(/\b(?:read|text|int|bool)\(\s*'([A-Z][A-Z0-9_]*)'/g)) note(m[1]!, file);
    for (const m of text.matchAll(/\benv\??\.?\[\s*([^\]'"`\s][^\]]*)\]/g)) {
      if (!(file === 'main/config.ts' && m[1] === 'name')) computed.push(`${file}: env[${m[1]}]`);
    }
    if (/process\.env(?![.[\w])/.test(text.replace(/loadConfig\(process\.env/g, '').replace(/env: NodeJS\.ProcessEnv = process\.env/g, ''))) {
      computed.push(`${file}: process.env passed on`);
    }
  }
  return { names, computed };
}

describe('the configuration reference (docs/configuration.md)', () => {
  it('is what `npm run docs:config` writes from the declarations', () => {
    expect(readFileSync(CONFIGURATION_REFERENCE_FILE, 'utf8'), 'docs/configuration.md is out of date: run `npm run docs:config`').toBe(configurationReference());
  });

  it('declares every variable the code reads, and reads every variable it declares', () => {
    const { names, computed } = variablesReadBySource();
    const declared = new Set<string>(CONFIG_VARIABLES.map((v) => v.name));
    const undeclared = [...names].filter(([name]) => !declared.has(name)).map(([name, files]) => `${name} (${[...new Set(files)].join(', ')})`);
    expect(undeclared, 'read under src/ but not declared in src/main/config-variables.ts').toEqual([]);
    expect([...declared].filter((name) => !names.has(name)), 'declared but read nowhere').toEqual([]);
    expect(computed, 'environment read by a computed name or handed on whole').toEqual([]);
  });

  it('names, for each variable, a default or none, a meaning and the commands that use it', () => {
    expect(new Set(CONFIG_VARIABLES.map((v) => v.name)).size).toBe(CONFIG_VARIABLES.length);
    for (const v of CONFIG_VARIABLES) {
      expect(v.name).toMatch(/^(KOPA_[A-Z0-9_]+|DATABASE_URL|DATABASE_POOL_SIZE|PORT|HOST|LOG_LEVEL)$/);
      expect(v.meaning.length, v.name).toBeGreaterThan(10);
      expect(v.commands.length, v.name).toBeGreaterThan(0);
    }
  });
});

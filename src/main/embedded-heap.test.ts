import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('./embedded-heap.ts', import.meta.url));

/** The young generation's size (MiB) in a fresh process that loads the module, then allocates ~100 MB in a burst. */
function youngGenerationAfterBurst(env: NodeJS.ProcessEnv): number {
  const script = `
    await import(${JSON.stringify(MODULE)});
    const { getHeapSpaceStatistics } = await import('node:v8');
    const kept = [];
    for (let i = 0; i < 2_000_000; i++) { const o = { i, s: 'x' + i }; if (i % 50 === 0) kept.push(o); }
    process.stdout.write(String(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576));
  `;
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...rest, ...env }, encoding: 'utf8' }));
}

describe("the embedded database's young generation", () => {
  it('stays at its first size through a burst of allocation without DATABASE_URL, and grows as V8 likes with it', () => {
    const embedded = youngGenerationAfterBurst({});
    const postgres = youngGenerationAfterBurst({ DATABASE_URL: 'postgres://kopa@127.0.0.1:5432/kopa' });
    expect(embedded).toBeLessThanOrEqual(4);
    expect(postgres).toBeGreaterThanOrEqual(16);
  });
});

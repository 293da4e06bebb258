import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WASM_COMPILATION_FLAGS } from '../../src/db/pglite-compile.js';

const RECORDING = fileURLToPath(new URL('../support/open-embedded-recording.mjs', import.meta.url));

// The embedded database's WebAssembly is compiled on one background task: compiled on several at
// once, it took ~40 MiB more at its peak, for the same speed once compiled (ADR 0025, 2026-12-06
// evening). The flag must be set before PGlite's module is compiled (V8 reads it as a compilation
// starts), so the order is what is checked, in a fresh process where nothing was compiled before.
describe('opening the embedded database', () => {
  it('limits WebAssembly compilation to one task before PGlite compiles its module, and still answers', async () => {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', RECORDING], { env: { ...process.env, DATABASE_URL: '' }, timeout: 90_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    });
    const { events, two } = JSON.parse(output) as { events: ({ flags: string } | { wasm: string; bytes: number | string })[]; two: number };
    expect(WASM_COMPILATION_FLAGS).toBe('--wasm-num-compilation-tasks=1');
    const flagAt = events.findIndex((e) => 'flags' in e && e.flags === WASM_COMPILATION_FLAGS);
    // PGlite's Postgres (pglite.wasm, 9 MB) is compiled from its bytes; Node's own small modules
    // (its CommonJS lexer, 48 kB) may be compiled before, and no flag of ours is meant for them.
    const firstCompile = events.findIndex((e) => 'wasm' in e && typeof e.bytes === 'number' && e.bytes > 1_000_000);
    expect(firstCompile, JSON.stringify(events)).toBeGreaterThanOrEqual(0);
    expect(flagAt, JSON.stringify(events)).toBeGreaterThanOrEqual(0);
    expect(flagAt, JSON.stringify(events)).toBeLessThan(firstCompile);
    expect(two).toBe(2);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kopaCommand } from '../support/kopa-command.js';
import { serverEnv } from '../support/server-process.js';

const work = mkdtempSync(join(tmpdir(), 'kopa-wasm-'));

// The embedded database's WebAssembly is compiled by V8's baseline compiler only: its optimizing
// compilations made the embedded server's peak memory (ADR 0025, "2026-12-07"). V8 prints each
// function it compiles, and with which compiler, under --trace-wasm-compilation-times.
describe('the embedded database (PGlite) compiles its WebAssembly', () => {
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('with Liftoff only, never the optimizing compiler, through a whole migration', () => {
    const run = spawnSync(process.execPath, ['--trace-wasm-compilation-times', ...kopaCommand('migrate')], {
      env: serverEnv({ KOPA_DATA_DIR: join(work, 'data') }),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 300_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const compiled = run.stdout.split('\n').filter((line) => line.startsWith('Compiled function '));
    const byCompiler = (name: string) => compiled.filter((line) => line.includes(` using ${name},`)).length;
    // The trace is there (PGlite's functions compiled as Postgres runs), so its silence on the optimizing compiler counts.
    expect(byCompiler('Liftoff')).toBeGreaterThan(1000);
    expect({ TurboFan: byCompiler('TurboFan'), Turboshaft: byCompiler('Turboshaft') }).toEqual({ TurboFan: 0, Turboshaft: 0 });
  });
});

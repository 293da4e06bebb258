import { setFlagsFromString } from 'node:v8';

/**
 * With the embedded database, the young generation of V8's heap stays at its first size (two
 * semi-spaces of 1 MiB) instead of doubling to 2 × 16 MiB at the first burst of allocation —
 * loading the modules does that within a second — and keeping that for the life of the process.
 * Those 32 MiB are resident, and the embedded database's process has a memory goal of 300 MB
 * (issue 11, ADR 0025 "2026-12-06, afternoon"). The CPU it costs was measured with it: see there.
 *
 * Loaded by bin/kopa.js (and run-from-source.ts) before the server's modules: an ES module's imports
 * are all loaded before any of them runs, and loading them is what grows the young generation, so an
 * import at the top of kopa.ts would come too late (measured: 32 MiB at the first second). Only the embedded database
 * (no DATABASE_URL, as config.ts decides): a PostgreSQL deployment keeps V8's defaults.
 * The flag is read whenever V8 would grow the young generation, so setting it at run time holds.
 */
export function holdYoungGenerationSmall(env: NodeJS.ProcessEnv): boolean {
  if (env.DATABASE_URL) return false;
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}

holdYoungGenerationSmall(process.env);

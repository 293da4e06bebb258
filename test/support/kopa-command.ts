import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The production entry point: bin/kopa.js running dist/ (made by `npm run build`). */
export const COMPILED_BIN = join(ROOT, 'bin/kopa.js');
const DIST_ENTRY = join(ROOT, 'dist/main/kopa.js');

function newestSourceUnder(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) newest = Math.max(newest, newestSourceUnder(path));
    else if (!name.endsWith('.test.ts')) newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** dist/ exists and was built after the last change to src/ (tests excepted). */
export function compiledIsCurrent(): boolean {
  return existsSync(DIST_ENTRY) && statSync(DIST_ENTRY).mtimeMs >= newestSourceUnder(join(ROOT, 'src'));
}

let current: boolean | undefined;

/**
 * Arguments to `process.execPath` that run the `kopa` command: the compiled bin/kopa.js when dist/
 * is current (as after `npm test`'s build: the production path, and quicker to start), otherwise the
 * sources through tsx — so a test never runs a stale build.
 */
export function kopaCommand(...args: string[]): string[] {
  current ??= compiledIsCurrent();
  return current ? [COMPILED_BIN, ...args] : ['--import', 'tsx', join(ROOT, 'src/main/run-from-source.ts'), ...args];
}

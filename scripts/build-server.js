#!/usr/bin/env node
// The server's production build: dist/ is emptied, src/ compiled by tsc (tsconfig.build.json),
// and the files the code reads at run time beside itself (the SQL migrations, anything not
// TypeScript) copied into the same place under dist/, so `node bin/kopa.js` needs no TypeScript.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const started = Date.now();

rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error('build: the server did not compile');
  process.exit(compiled.status ?? 1);
}

/** Every file under src/ that tsc does not handle: run-time assets such as the SQL migrations. */
function assetsUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return assetsUnder(path);
    return /\.(ts|tsx)$/.test(name) ? [] : [path];
  });
}

const assets = assetsUnder(src);
for (const file of assets) cpSync(file, join(dist, relative(src, file)));

console.log(`build: server compiled to dist/ with ${assets.length} asset(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

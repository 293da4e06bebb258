#!/usr/bin/env node
// After `vite build`: writes a .br and a .gz beside every text file of the built UI, so the server
// sends a browser that accepts them (nearly all do) a third of the bytes without compressing on each
// request (@fastify/static's `preCompressed`, src/http/server.ts; ADR 0026, "The cold start").
// A file whose compressed form is no smaller gets none; the server then sends it as it is.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|svg|json|txt|map|xml|webmanifest)$/i;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : TEXT.test(name) ? [path] : [];
  });
}

const dir = process.argv[2] ?? fileURLToPath(new URL('../web/dist', import.meta.url));
let plain = 0;
let brotli = 0;
for (const path of filesUnder(dir)) {
  const bytes = readFileSync(path);
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const gz = gzipSync(bytes, { level: 9 });
  plain += bytes.length;
  brotli += Math.min(br.length, bytes.length);
  if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
  if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
}
console.log(`build: the UI's text files precompressed, ${Math.round(plain / 1024)} kB → ${Math.round(brotli / 1024)} kB as brotli`);

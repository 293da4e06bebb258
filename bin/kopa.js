#!/usr/bin/env node
// Runs the compiled server (dist/, made by `npm run build`); no TypeScript at run time.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main/kopa.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('kopa: the compiled server is missing (dist/main/kopa.js); run `npm run build` first');
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv);

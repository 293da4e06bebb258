#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npx kopa` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/kopa.ts');
await main(process.argv);

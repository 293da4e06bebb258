// Preloaded into a benchmarked server (`node --import ./bench/memory-trace.mjs …`): every second it
// reads the process's resident memory and its peak (VmRSS, VmHWM from /proc/self/status) and, each
// time the peak has grown by a MiB or more since the last line, writes to stderr one line
// `memtrace <s since start> rss=… hwm=… heapUsed=… heapTotal=… external=… arrayBuffers=… wasm=… spaces=…`
// (MiB; `wasm` is the WebAssembly memories this script saw created, PGlite's among them; `spaces`
// the V8 heap's spaces committed / used — new space, old space, code, large objects — so a peak
// made of a grown young generation is told apart from garbage kept in the old one), then
// the kinds of the statements sent in the last two seconds when bench/count-statements.mjs is
// preloaded too — so a benchmark can tell when the peak happened and what was running.
// It samples on the main thread, so it stands still while the main thread is busy — PGlite runs
// Postgres there, opening included: a peak made inside one long call shows only as a later line whose
// hwm exceeds its rss. To see such a peak, poll /proc/<pid>/status from outside (ADR 0025, 2026-12-07).
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const started = performance.now();
const memories = [];
const OriginalMemory = WebAssembly.Memory;
WebAssembly.Memory = function Memory(descriptor) {
  const memory = new OriginalMemory(descriptor);
  memories.push(memory);
  return memory;
};
WebAssembly.Memory.prototype = OriginalMemory.prototype;
// Modules instantiated with an imported memory use the one above; those that make their own export it.
const originalInstantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function instantiate(...args) {
  const result = await originalInstantiate.apply(this, args);
  const exports = (result.instance ?? result).exports;
  for (const value of Object.values(exports ?? {})) if (value instanceof OriginalMemory && !memories.includes(value)) memories.push(value);
  return result;
};

const mib = (bytes) => (bytes / 1_048_576).toFixed(0);
const status = () => {
  const text = readFileSync('/proc/self/status', 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
};

let lastHwm = 0;
const timer = setInterval(() => {
  const { rss, hwm } = status();
  if (hwm - lastHwm < 1_048_576) return;
  lastHwm = hwm;
  const m = process.memoryUsage();
  const wasm = memories.reduce((n, memory) => n + memory.buffer.byteLength, 0);
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const spaces = getHeapSpaceStatistics()
    .filter((space) => space.space_size >= 1_048_576)
    .map((space) => `${space.space_name.replace(/_space$/, '')}:${mib(space.space_size)}/${mib(space.space_used_size)}`)
    .join(',');
  const recent = globalThis.__kopaRecentStatements?.(2000) ?? [];
  process.stderr.write(`memtrace ${seconds} rss=${mib(rss)} hwm=${mib(hwm)} heapUsed=${mib(m.heapUsed)} heapTotal=${mib(m.heapTotal)} external=${mib(m.external)} arrayBuffers=${mib(m.arrayBuffers)} wasm=${mib(wasm)} spaces=${spaces}${recent.length > 0 ? ` recent=${JSON.stringify(recent)}` : ''}\n`);
}, 1000);
timer.unref();

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A `node --cpu-prof` profile as V8 writes it. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
  startTime: number;
}

/**
 * The newest profile of a main thread written into `dir`, or null when the server wrote none. Node
 * writes one per thread, `CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`, the main thread's 0; a
 * server run from the sources wrote a second for tsx's loader thread, idle, which sorted last.
 */
export function latestProfile(dir: string): CpuProfile | null {
  const file = readdirSync(dir).filter((f) => /\.0\.\d+\.cpuprofile$/.test(f)).sort().pop();
  return file ? (JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile) : null;
}

/** A frame's file, shortened to the package or to `src/…` / `dist/…`. */
export function frameWhere(url: string): string {
  return url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|dist)\//, '$1/');
}

/** A frame's function, file and line, as both summaries name it. */
export function frameName(frame: CpuProfile['nodes'][number]['callFrame']): string {
  return `${frame.functionName || '(anonymous)'} ${frameWhere(frame.url)}:${frame.lineNumber + 1}`;
}

/**
 * Where the CPU went in a server's `node --cpu-prof` profile, over its last `seconds` (so start-up
 * is left out; `skipLastSeconds` leaves out what followed): self time by package or source folder, then the
 * functions with the most self time.
 */
export function topOfProfile(dir: string, seconds: number, count = 12, skipLastSeconds = 0): string[] {
  const profile = latestProfile(dir);
  if (!profile) return ['(no profile written)'];
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const until = profile.endTime - skipLastSeconds * 1e6;
  const from = until - seconds * 1e6;
  const self = new Map<string, number>();
  const byPart = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (at < from || at > until) return;
    const frame = byNode.get(id)!.callFrame;
    const where = frameWhere(frame.url);
    const part = frame.url.includes('node_modules/')
      ? where.split('/').slice(0, where.startsWith('@') ? 2 : 1).join('/')
      : /^(src|dist)\//.test(where) ? where.split('/').slice(0, 2).join('/') : frame.url.startsWith('node:') ? 'node internals' : frame.functionName.startsWith('(') ? frame.functionName : `native ${frame.functionName}`;
    const key = frameName(frame);
    total += dt;
    self.set(key, (self.get(key) ?? 0) + dt);
    byPart.set(part, (byPart.get(part) ?? 0) + dt);
  });
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
  return [
    'by part:',
    ...[...byPart.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, t]) => `  ${pct(t)}  ${key}`),
    'by function:',
    ...[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, t]) => `  ${pct(t)}  ${key}`),
  ];
}

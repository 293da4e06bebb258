import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the CPU went in a server's `node --cpu-prof` profile, over its last `seconds` (so start-up
 * is left out; `skipLastSeconds` leaves out what followed): self time by package or source folder, then the
 * functions with the most self time.
 */
export function topOfProfile(dir: string, seconds: number, count = 12, skipLastSeconds = 0): string[] {
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
  if (!file) return ['(no profile written)'];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
    endTime: number;
    startTime: number;
  };
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
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|dist)\//, '$1/');
    const part = frame.url.includes('node_modules/')
      ? where.split('/').slice(0, where.startsWith('@') ? 2 : 1).join('/')
      : /^(src|dist)\//.test(where) ? where.split('/').slice(0, 2).join('/') : frame.url.startsWith('node:') ? 'node internals' : frame.functionName.startsWith('(') ? frame.functionName : `native ${frame.functionName}`;
    const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
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

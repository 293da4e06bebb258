import { cpus, totalmem } from 'node:os';

/** One line about the machine, printed before every benchmark's figures. */
export function machineContext(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
}

export function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;
}

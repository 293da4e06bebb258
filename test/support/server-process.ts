import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  /** The address the banner printed, e.g. http://localhost:41234. */
  url: string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
}

/**
 * Spawns `node <args>` (a `kopa serve` of some kind) and waits for its start banner; a real process,
 * so tests can signal it, time it and read its exit code.
 */
export async function spawnServer(args: string[], env: NodeJS.ProcessEnv, options: { cwd?: string; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no start banner within ${options.timeoutMs ?? 120_000} ms:\n${text}`)), options.timeoutMs ?? 120_000);
    const poll = setInterval(() => {
      const match = /Kopa is running at (http:\/\/\S+)/.exec(text);
      if (match?.[1]) done(match[1]);
    }, 50);
    void exited.then(({ code, signal }) => fail(new Error(`the server exited (${code ?? signal}) before it started:\n${text}`)));
    function done(found: string) {
      clearTimeout(timer);
      clearInterval(poll);
      resolve(found);
    }
    function fail(error: Error) {
      clearTimeout(timer);
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(error);
    }
  });
  return { child, url, exited, output: () => text };
}

/** The environment for a spawned server on a PGlite data folder, without the caller's database settings. */
export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', KOPA_MFA_REQUIRED_ROLES: 'none', ...extra };
  if (!('DATABASE_URL' in extra)) delete env.DATABASE_URL;
  return env;
}

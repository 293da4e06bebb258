/** What a long-running command (serve, agent) does to stop; resolves when everything is closed. */
export type StopSteps = () => Promise<void>;

interface ShutdownLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * On the first SIGTERM or SIGINT, runs `stop` and exits 0 when it finishes, or 1 with a log line
 * when it has not finished within `timeoutSeconds` (or failed). A second signal exits 1 at once,
 * for someone at a terminal who does not want to wait.
 */
export function stopOnSignals(options: { timeoutSeconds: number; log: ShutdownLog; stop: StopSteps; exit?: (code: number) => void }): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log.error({ signal }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    const started = Date.now();
    options.log.info({ signal, timeoutSeconds: options.timeoutSeconds }, 'shutting down: finishing work in flight');
    const deadline = setTimeout(() => {
      options.log.error({ timeoutSeconds: options.timeoutSeconds }, `shutdown did not finish within KOPA_SHUTDOWN_TIMEOUT_SECONDS (${options.timeoutSeconds} s): exiting anyway`);
      exit(1);
    }, options.timeoutSeconds * 1000);
    options.stop().then(
      () => {
        clearTimeout(deadline);
        options.log.info({ ms: Date.now() - started }, 'shut down cleanly');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        options.log.error({ err: error instanceof Error ? error.message : String(error) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

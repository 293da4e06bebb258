import { setFlagsFromString } from 'node:v8';

/**
 * How V8 compiles the embedded database's WebAssembly (pglite.wasm, 9 MB: Postgres). By default it
 * compiles on as many background tasks as there are worker threads, each with compilation memory of
 * its own, and the C library keeps what each thread's arena held: opening PGlite and its first
 * queries peaked ~40 MiB higher (217–222 against 179–182 MiB in a bare process, three runs each) and
 * stayed ~10 MiB higher than with one task, while the queries, once compiled, ran as fast — the
 * code is the same, only fewer functions are compiled at once (ADR 0025, 2026-12-06 evening).
 *
 * Only WebAssembly reads this flag and Kopa's only WebAssembly is PGlite, so the API's JavaScript is
 * compiled as before. V8 reads it when a module's compilation starts, so it is set just before
 * PGlite is created; set at run time it holds on Node 20, 22 and 24.
 */
export const WASM_COMPILATION_FLAGS = '--wasm-num-compilation-tasks=1';

export function compileWasmOnOneTask(): void {
  setFlagsFromString(WASM_COMPILATION_FLAGS);
}

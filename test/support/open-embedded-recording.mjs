// Run by test/integration/pglite-compile.test.ts in a process of its own (`node --import tsx`):
// records, in order, the V8 flags set at run time and the WebAssembly compilations (with the size of
// the bytes compiled), opens the embedded database the way `kopa serve` does (src/db/connect.ts, in
// memory), runs one statement, and prints what it saw as JSON. Node's own functions are wrapped, none of Kopa's.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const v8 = require('node:v8');
const events = [];
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  events.push({ flags });
  return setFlags(flags);
};
// So that `import { setFlagsFromString } from 'node:v8'` sees the wrapper too.
syncBuiltinESMExports();
for (const name of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  if (!original) continue;
  WebAssembly[name] = function (...args) {
    const bytes = args[0]?.byteLength ?? (args[0] instanceof WebAssembly.Module ? 'module' : typeof args[0]);
    events.push({ wasm: name, bytes });
    return original.apply(this, args);
  };
}

const { openDatabase } = await import('../../src/db/connect.ts');
const db = await openDatabase({});
const { sql } = await import('kysely');
const { rows } = await sql`select 1 + 1 as two`.execute(db.kysely);
await db.close();
process.stdout.write(JSON.stringify({ events, two: rows[0].two }));

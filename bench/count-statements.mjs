// Preloaded into a benchmarked server (`node --import ./bench/count-statements.mjs …`): counts the
// statements it sends to the database, whichever driver, and on SIGUSR2 prints the count and the
// last statements to stderr, so a benchmark can see how many round trips one request costs; then, on
// a line of its own, how many of each kind (the statement's first 70 characters) were sent so far.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

let count = 0;
const recent = [];
const byKind = new Map();
function seen(text) {
  count += 1;
  const flat = String(text).replace(/\s+/g, ' ').trim();
  const kind = flat.slice(0, 70);
  byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  recent.push(flat.slice(0, 160));
  if (recent.length > 40) recent.shift();
}
for (const target of [pg.Client.prototype, PGlite.prototype]) {
  for (const method of ['query', 'exec']) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = function (text, ...rest) {
      seen(typeof text === 'string' ? text : text?.text);
      return original.call(this, text, ...rest);
    };
  }
}
process.on('SIGUSR2', () => process.stderr.write(`statements-sent ${count} ${JSON.stringify(recent)}\nstatements-by-kind ${JSON.stringify(Object.fromEntries(byKind))}\n`));

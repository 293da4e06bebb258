// Preloaded into a benchmarked server (`node --import ./bench/count-statements.mjs …`): counts the
// statements it sends to the database, whichever driver, and on SIGUSR2 prints the count and the
// last statements to stderr, so a benchmark can see how many round trips one request costs.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

let count = 0;
const recent = [];
function seen(text) {
  count += 1;
  recent.push(String(text).replace(/\s+/g, ' ').slice(0, 160));
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
process.on('SIGUSR2', () => process.stderr.write(`statements-sent ${count} ${JSON.stringify(recent)}\n`));

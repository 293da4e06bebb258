import type { FastifyInstance } from 'fastify';
import { validationError } from '../domain/errors.js';

/** No Kopa request body needs more; a deeper one is an attack on the code that walks it. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found in one pass without
 * recursion: brackets count outside strings only (an escaped quote does not end a string).
 * Malformed text is left to the parser to refuse.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (OPEN.has(c)) {
      if (++depth > max) return true;
    } else if (CLOSE.has(c)) depth--;
  }
  return false;
}

/**
 * Fastify's JSON parser (with its prototype-poisoning checks) behind a depth check on the
 * raw text, so a body nested half a million levels is a 400 before anything walks it.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(validationError('body', 'too_deep', `nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`, { max: MAX_JSON_DEPTH }), undefined);
      return;
    }
    parse(request, text, done);
  });
}

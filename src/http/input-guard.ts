import type { FastifyInstance } from 'fastify';
import { validationError } from '../domain/errors.js';

/**
 * PostgreSQL text and jsonb cannot hold the NUL character, so a string carrying one
 * would fail deep inside a query as a 500. Refuse it up front, naming the field.
 */
export function installInputGuard(app: FastifyInstance): void {
  // A callback, not async: it runs on every request (server.ts).
  app.addHook('preValidation', (request, _reply, done) => {
    const parts = [['body', request.body], ['query', request.query], ['params', request.params]] as const;
    for (const [part, value] of parts) {
      const field = fieldWithNul(value);
      if (field !== null) return done(validationError(field || part, 'nul_character', 'must not contain the NUL character'));
    }
    done();
  });
}

/**
 * The first field (depth first, in key order) whose key or text holds a NUL; '' for the
 * value itself. Walks with an explicit stack: a deeply nested value must not overflow
 * the call stack, whatever the parser let through.
 */
export function fieldWithNul(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const entries = Object.entries(value);
    for (const [key] of entries) if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      stack.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}

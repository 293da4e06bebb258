import type { FastifyInstance } from 'fastify';
import { validationError } from '../domain/errors.js';

/**
 * PostgreSQL text and jsonb cannot hold the NUL character, so a string carrying one
 * would fail deep inside a query as a 500. Refuse it up front, naming the field.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts = [['body', request.body], ['query', request.query], ['params', request.params]] as const;
    for (const [part, value] of parts) {
      const field = fieldWithNul(value, '');
      if (field !== null) throw validationError(field || part, 'must not contain the NUL character');
    }
  });
}

function fieldWithNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = fieldWithNul(child, childPath);
    if (found !== null) return found;
  }
  return null;
}

import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageInMemory, type CursorKey, type PageRequest, type Slice } from '../app/shared/paging.js';
import { validationError } from '../domain/errors.js';

/**
 * The one paging contract of every list (docs/adr/0008-one-paging-contract.md): `limit` 1..200
 * (default 50), an opaque `cursor`, and `{items, next, nextCursor}` with a `Link: rel="next"`.
 */
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIMIT, description: `items per page, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT})` })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600, description: 'opaque; nextCursor of the previous page' })),
};

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    next: Type.Union([Type.String(), Type.Null()], { description: 'path and query of the next page; null on the last' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'the cursor of the next page; null on the last' }),
  });

type Part = 'string' | 'number' | 'instant' | 'uuid';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A cursor names its list and carries the last item's sort key; it is not a secret. */
export function encodeCursor(list: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([list, ...key]), 'utf8').toString('base64url');
}

const badCursor = () => validationError('cursor', 'invalid_cursor', 'is not a cursor of this list; start again without it');

export function decodeCursor(list: string, cursor: string, shape: readonly Part[]): CursorKey {
  if (!BASE64URL.test(cursor)) throw badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parsed) || parsed[0] !== list || parsed.length !== shape.length + 1) throw badCursor();
  const key = parsed.slice(1) as unknown[];
  const fits = key.every((part, i) =>
    shape[i] === 'number'
      ? typeof part === 'number' && Number.isSafeInteger(part)
      : shape[i] === 'uuid'
        ? typeof part === 'string' && UUID.test(part)
        : shape[i] === 'instant'
        ? typeof part === 'string' && ISO.test(part) && !Number.isNaN(Date.parse(part))
        : typeof part === 'string' && part.length <= 300,
  );
  if (!fits) throw badCursor();
  return key as CursorKey;
}

/** The page a request asks for. `list` names the list (and its sort) so a cursor cannot cross lists. */
export function pageRequest(query: { limit?: number | undefined; cursor?: string | undefined }, list: string, shape: readonly Part[]): PageRequest {
  return { limit: query.limit ?? DEFAULT_LIMIT, after: query.cursor === undefined ? null : decodeCursor(list, query.cursor, shape) };
}

/** The URL of the page after this one: the same path and filters with the new cursor. */
export function nextUrl(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, 'http://kopa.invalid');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

/** Answers a slice as a page: the envelope, and the next page's link also as a Link header. */
export function sendPage<T, V = T>(
  request: FastifyRequest,
  reply: FastifyReply,
  list: string,
  slice: Slice<T>,
  keyOf: (item: T) => CursorKey,
  present: (item: T) => V = (item) => item as unknown as V,
): { items: V[]; next: string | null; nextCursor: string | null } {
  const last = slice.items[slice.items.length - 1];
  const nextCursor = slice.more && last !== undefined ? encodeCursor(list, keyOf(last)) : null;
  const next = nextCursor === null ? null : nextUrl(request, nextCursor);
  if (next !== null) void reply.header('Link', `<${next}>; rel="next"`);
  return { items: slice.items.map(present), next, nextCursor };
}

/**
 * Pages a list the use case read whole (a catalogue small by nature, or one worked out in
 * memory) by the same contract; the key must be unique, so it ends with the id.
 */
export function sendListPage<T, V = T>(
  request: FastifyRequest,
  reply: FastifyReply,
  list: string,
  all: readonly T[],
  keyOf: (item: T) => CursorKey,
  shape: readonly Part[],
  options: { descending?: boolean; present?: (item: T) => V } = {},
): { items: V[]; next: string | null; nextCursor: string | null } {
  const page = pageRequest(request.query as { limit?: number; cursor?: string }, list, shape);
  return sendPage(request, reply, list, pageInMemory(all, keyOf, page, options.descending ?? false), keyOf, options.present);
}

/** The query of a list that has no filters of its own. */
export const PageOnly = Type.Object(PageQuery, { additionalProperties: false });

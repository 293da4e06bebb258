import type { FastifyReply } from 'fastify';

/**
 * Sends an answer that many requests share as the route's own response serializer writes it,
 * writing and encoding each answer once: its UTF-8 bytes are kept beside the answer (by identity)
 * while the answer is in hand and sent as they are to every later request, with the JSON type the
 * serializer's answers carry. The public status page's one answer (~200 KiB at 2,000 monitors)
 * serves every visitor for 15 s (ADR 0022, 2026-12-06 afternoon).
 */
export function writtenOnce<T extends object>(): (reply: FastifyReply, answer: T) => FastifyReply {
  const written = new WeakMap<T, Buffer>();
  return (reply, answer) => {
    let bytes = written.get(answer);
    if (bytes === undefined) {
      const text = reply.serialize(answer);
      written.set(answer, (bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.isBuffer(text) ? text : Buffer.from(text)));
    }
    return reply.type('application/json; charset=utf-8').send(bytes);
  };
}

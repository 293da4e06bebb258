import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { writtenOnce } from './written-once.js';

const Answer = Type.Object({ id: Type.String(), note: Type.Union([Type.String(), Type.Null()]), days: Type.Array(Type.Object({ percent: Type.Union([Type.Number(), Type.Null()]) })) });
type AnswerData = { id: string; note: string | null; days: { percent: number | null }[]; internal?: string };

describe('writtenOnce', () => {
  it('sends what the route would have serialized itself: the same bytes and type, fields outside the schema dropped', async () => {
    const answer: AnswerData = { id: 'ā/€ "x"', note: null, days: [{ percent: 97.917 }, { percent: null }], internal: 'not for visitors' };
    const send = writtenOnce<AnswerData>();
    const app = Fastify();
    app.get('/plain', { schema: { response: { 200: Answer } } }, async () => answer);
    app.get('/once', { schema: { response: { 200: Answer } } }, async (_request, reply) => send(reply, answer));
    const plain = await app.inject('/plain');
    const once = await app.inject('/once');
    expect(once.statusCode).toBe(200);
    expect(once.body).toBe(plain.body);
    expect(once.headers['content-type']).toBe(plain.headers['content-type']);
    expect(once.headers['content-length']).toBe(plain.headers['content-length']);
    expect(once.json()).toEqual({ id: 'ā/€ "x"', note: null, days: [{ percent: 97.917 }, { percent: null }] });
    await app.close();
  });

  it('writes each answer once, however many requests it serves, and a new answer anew', async () => {
    let written = 0;
    const countingSerializer = () => (data: unknown) => {
      written++;
      return JSON.stringify(data);
    };
    let answer: AnswerData = { id: 'first', note: null, days: [] };
    const send = writtenOnce<AnswerData>();
    const app = Fastify();
    app.get('/once', { schema: { response: { 200: Answer } }, serializerCompiler: countingSerializer }, async (_request, reply) => send(reply, answer));
    for (let i = 0; i < 3; i++) expect((await app.inject('/once')).json()).toEqual({ id: 'first', note: null, days: [] });
    expect(written).toBe(1);
    answer = { id: 'second', note: 'x', days: [] };
    expect((await app.inject('/once')).json()).toEqual({ id: 'second', note: 'x', days: [] });
    expect((await app.inject('/once')).json()).toEqual({ id: 'second', note: 'x', days: [] });
    expect(written).toBe(2);
    await app.close();
  });
});

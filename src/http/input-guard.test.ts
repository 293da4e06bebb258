import { describe, expect, it } from 'vitest';
import { fieldWithNul } from './input-guard.js';

describe('fieldWithNul', () => {
  it('names the first field holding a NUL, in its key or its text', () => {
    expect(fieldWithNul({ a: 'ok', b: { c: ['x', 'y\u0000'] } })).toBe('b.c.1');
    expect(fieldWithNul({ a: { 'k\u0000': 1 } })).toBe('a.k\u0000');
    expect(fieldWithNul({ first: 'a\u0000', second: 'b\u0000' })).toBe('first');
    expect(fieldWithNul('\u0000')).toBe('');
    expect(fieldWithNul({ a: 1, b: [true, null, 'clean'] })).toBeNull();
  });

  it('walks a value nested 200,000 levels without overflowing the stack', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(fieldWithNul(deep)).toBe(Array(200_000).fill('0').join('.'));
  });
});

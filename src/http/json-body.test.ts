import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-body.js';

/** Nesting depth of a JSON value, counted the way the check counts it. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('nestsDeeperThan', () => {
  it('agrees with the real depth of any JSON value, strings full of brackets included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        const depth = depthOf(value);
        expect(nestsDeeperThan(text, depth)).toBe(false);
        if (depth > 0) expect(nestsDeeperThan(text, depth - 1)).toBe(true);
      }),
    );
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[{{{\\"[[[', b: ['"]]]'] }), 2)).toBe(false);
  });

  it('finds half a million levels without recursion', () => {
    expect(nestsDeeperThan('['.repeat(500_000) + ']'.repeat(500_000), 64)).toBe(true);
    expect(nestsDeeperThan('['.repeat(64) + ']'.repeat(64), 64)).toBe(false);
  });
});

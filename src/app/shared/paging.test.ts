import { describe, expect, it } from 'vitest';
import { compareKeys, pageInMemory, sliceOf } from './paging.js';

describe('keyset paging in memory', () => {
  const rows = ['b', 'a', 'Ā', 'c', 'a'].map((name, i) => ({ name, id: `id-${i}` }));
  const key = (r: { name: string; id: string }) => [r.name, r.id] as const;

  it('orders by the whole key, strings by code point and numbers by value', () => {
    expect(compareKeys(['a', 'id-4'], ['a', 'id-1'])).toBeGreaterThan(0);
    expect(compareKeys([9], [10])).toBeLessThan(0);
    expect(compareKeys(['Ā'], ['c'])).toBeGreaterThan(0);
  });

  it('walks every row once, after the last key seen, ascending or descending', () => {
    for (const descending of [false, true]) {
      const seen: string[] = [];
      let after: readonly (string | number)[] | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const slice = pageInMemory(rows, key, { after, limit: 2 }, descending);
        seen.push(...slice.items.map((r) => r.id));
        if (!slice.more) break;
        after = key(slice.items.at(-1)!);
      }
      const expected = ['id-1', 'id-4', 'id-0', 'id-3', 'id-2'];
      expect(seen).toEqual(descending ? [...expected].reverse() : expected);
    }
  });

  it('says more follow only when a row beyond the page was read', () => {
    expect(sliceOf([1, 2, 3], 2)).toEqual({ items: [1, 2], more: true });
    expect(sliceOf([1, 2], 2)).toEqual({ items: [1, 2], more: false });
  });
});

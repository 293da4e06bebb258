import { describe, expect, it } from 'vitest';
import { fairShare, leasePlan, PROBE_SHARDS, shardLeaseName, shardOf, shardOfLeaseName } from './probe-shards.js';

describe('probe shards', () => {
  it('puts every monitor in one shard, the same every time, and spreads many monitors over all shards', () => {
    const counts = new Array<number>(PROBE_SHARDS).fill(0);
    for (let i = 0; i < 6400; i++) {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const shard = shardOf(id);
      expect(shard).toBe(shardOf(id));
      counts[shard]!++;
    }
    // 100 a shard on average; no shard empty or three times the average.
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan(300);
  });

  it('names leases and reads the names back, refusing names of other leases', () => {
    expect(shardOfLeaseName(shardLeaseName(7))).toBe(7);
    expect(shardOfLeaseName('replica:host:1')).toBeNull();
    expect(shardOfLeaseName(`probe-shard:${PROBE_SHARDS}`)).toBeNull();
    expect(shardOfLeaseName('probe-shard:x')).toBeNull();
  });

  it('gives each live replica at most its fair share, and together all shards', () => {
    expect(fairShare(1, 64)).toBe(64);
    expect(fairShare(2, 64)).toBe(32);
    expect(fairShare(3, 64)).toBe(22);
    expect(3 * fairShare(3, 64)).toBeGreaterThanOrEqual(64);
    expect(fairShare(0, 64)).toBe(64);
  });

  it('keeps the lowest shards up to the share, hands back the rest and asks for what it lacks', () => {
    expect(leasePlan([5, 1, 9, 3], 2, 6)).toEqual({ keep: [1, 3, 5], release: [9], want: 0 });
    expect(leasePlan([4], 2, 6)).toEqual({ keep: [4], release: [], want: 2 });
    expect(leasePlan([], 1, 6)).toEqual({ keep: [], release: [], want: 6 });
  });
});

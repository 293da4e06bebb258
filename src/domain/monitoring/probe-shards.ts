/**
 * How replicas divide the `local` monitors (ADR 0018): every monitor hashes into one of a fixed
 * number of shards, a replica probes the monitors of the shards whose lease it holds, and each
 * replica aims at its fair share of the shards. Pure: the leases themselves live in the database.
 */

/**
 * Fixed, because every replica must hash a monitor into the same shard: changing it is a change of
 * the scheme that replicas of two releases could not share. 64 balances well up to a few dozen
 * replicas and keeps a lease round-trip small.
 */
export const PROBE_SHARDS = 64;

export const SHARD_LEASE_PREFIX = 'probe-shard:';
export const REPLICA_LEASE_PREFIX = 'replica:';

export function shardLeaseName(shard: number): string {
  return `${SHARD_LEASE_PREFIX}${shard}`;
}

export function shardOfLeaseName(name: string): number | null {
  if (!name.startsWith(SHARD_LEASE_PREFIX)) return null;
  const n = Number(name.slice(SHARD_LEASE_PREFIX.length));
  return Number.isInteger(n) && n >= 0 && n < PROBE_SHARDS ? n : null;
}

export function allShardLeaseNames(): string[] {
  return Array.from({ length: PROBE_SHARDS }, (_, i) => shardLeaseName(i));
}

/** FNV-1a over the id, salted so the shard does not follow the probe phase (same hash, other use). */
export function shardOf(monitorId: string): number {
  let hash = 2166136261;
  const key = `shard:${monitorId}`;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619) >>> 0;
  return hash % PROBE_SHARDS;
}

/** The most shards one of `liveReplicas` should hold: together they cover all, none holds much more. */
export function fairShare(liveReplicas: number, shards = PROBE_SHARDS): number {
  return Math.ceil(shards / Math.max(1, liveReplicas));
}

/**
 * What a replica does with its shards on one round: keep up to its fair share (the lowest numbers,
 * so every replica agrees which ones go), hand back the rest, and ask for as many free ones as it lacks.
 */
export function leasePlan(held: readonly number[], liveReplicas: number, shards = PROBE_SHARDS): { keep: number[]; release: number[]; want: number } {
  const share = fairShare(liveReplicas, shards);
  const sorted = [...held].sort((a, b) => a - b);
  const keep = sorted.slice(0, share);
  return { keep, release: sorted.slice(share), want: share - keep.length };
}

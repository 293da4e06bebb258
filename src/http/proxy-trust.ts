import { isIP } from 'node:net';

/**
 * Which peers are reverse proxies whose X-Forwarded-For/-Proto Kopa believes: none, the
 * nearest `n` hops, or the listed addresses and CIDR ranges (and proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal`). The client is the first address, counted from
 * the right of X-Forwarded-For, that is not a trusted proxy; whatever a client writes
 * further left is never read.
 */
export type TrustProxy = false | number | readonly string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether `entry` is an address, a CIDR range or a named range that proxy-addr understands. */
export function isProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Fastify's `trustProxy` for a Kopa setting. Fastify 5 trusts nothing when given a bare hop
 * count (it cannot know the peer is a proxy), so a count becomes the function proxy-addr
 * calls with each address and its distance: the socket peer is hop 0.
 */
export function fastifyTrustProxy(trust: TrustProxy | boolean): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false || trust === 0) return false;
  if (trust === true) return (_address, hop) => hop < 1;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}

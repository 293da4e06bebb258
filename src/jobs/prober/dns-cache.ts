import { lookup as systemLookup, type LookupAddress, type LookupOptions } from 'node:dns';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A small time-bounded cache in front of the system resolver. A thousand monitors on a
 * handful of hosts would otherwise ask the resolver thousands of times a minute, and a slow
 * resolver would show up as the monitored service's latency.
 */
export function createDnsCache(ttlMs = 60_000, now = () => Date.now()) {
  const entries = new Map<string, { until: number; addresses: LookupAddress[] }>();
  const pending = new Map<string, ((error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void)[]>();

  function resolve(hostname: string, done: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void): void {
    const hit = entries.get(hostname);
    if (hit && hit.until > now()) return done(null, hit.addresses);
    const waiting = pending.get(hostname);
    if (waiting) {
      waiting.push(done);
      return;
    }
    pending.set(hostname, [done]);
    systemLookup(hostname, { all: true }, (error, addresses) => {
      const callbacks = pending.get(hostname) ?? [];
      pending.delete(hostname);
      if (!error) entries.set(hostname, { until: now() + ttlMs, addresses });
      for (const cb of callbacks) cb(error, error ? [] : addresses);
    });
  }

  /** Same shape as dns.lookup, so it can be handed to http, https, net and tls. */
  function lookup(hostname: string, options: LookupOptions | number | LookupCallback, callback?: LookupCallback): void {
    const cb = (typeof options === 'function' ? options : callback)!;
    const opts: LookupOptions = typeof options === 'object' ? options : typeof options === 'number' ? { family: options } : {};
    resolve(hostname, (error, addresses) => {
      if (error) return cb(error, '');
      const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : opts.family;
      const usable = family ? addresses.filter((a) => a.family === family) : addresses;
      if (usable.length === 0) return cb(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
      if (opts.all) return cb(null, usable);
      cb(null, usable[0]!.address, usable[0]!.family);
    });
  }

  return { lookup, size: () => entries.size };
}

export type DnsCache = ReturnType<typeof createDnsCache>;

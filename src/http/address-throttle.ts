/**
 * Counts requests per client address in fixed windows, in this process only: a cheap brake on one
 * address filling many mailboxes through a public form. Replicas each count their own; the
 * per-recipient pause in the database is what holds across them.
 */
export function addressThrottle(max: number, windowMs: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts a request; the seconds to wait when the address is over its allowance, else 0. */
    take(address: string, now: number): number {
      if (windows.size > 10_000) for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
      const current = windows.get(address);
      if (!current || now - current.start >= windowMs) {
        windows.set(address, { start: now, count: 1 });
        return 0;
      }
      if (current.count >= max) return Math.max(1, Math.ceil((current.start + windowMs - now) / 1000));
      current.count++;
      return 0;
    },
  };
}

/** Login throttling: failures counted over a sliding window, per account and per address. */
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface FailureCounts {
  byEmail: number;
  byAddress: number;
  oldestByEmail: Date | null;
  oldestByAddress: Date | null;
}

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export function throttleWaitSeconds(counts: FailureCounts, now: Date): number {
  const windowMs = THROTTLE_WINDOW_MINUTES * 60_000;
  const waits: number[] = [];
  if (counts.byEmail >= MAX_FAILURES_PER_ACCOUNT && counts.oldestByEmail) waits.push(counts.oldestByEmail.getTime() + windowMs - now.getTime());
  if (counts.byAddress >= MAX_FAILURES_PER_ADDRESS && counts.oldestByAddress) waits.push(counts.oldestByAddress.getTime() + windowMs - now.getTime());
  const wait = Math.max(0, ...waits);
  return Math.ceil(wait / 1000);
}

/** API tokens are shown once; this prefix lets people tell them apart later. */
export const TOKEN_PREFIX = 'kopa_';

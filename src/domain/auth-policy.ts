/**
 * Sign-in throttling. Failures (and attempts still being checked) are counted over a sliding
 * window along several dimensions, so that guessing is slow without anyone being able to lock a
 * person out: an attacker's failures from one address block that address for the account, and
 * the higher account-wide limit, which stops guessing spread over many addresses, never blocks
 * a browser the person completed a second factor on before.
 */
export const THROTTLE_WINDOW_MINUTES = 15;

/** `identity_provider`: the return from an identity provider; its "account" is the provider. */
export type AttemptKind = 'password' | 'second_factor' | 'identity_provider';

/** Failures allowed per window, by what the attempts share. */
export const ATTEMPT_LIMITS: Record<AttemptKind, { accountAddress: number; account: number; address: number; device: number }> = {
  // The account-wide limit is ten times the per-address one: reaching it takes ten addresses.
  password: { accountAddress: 5, account: 50, address: 20, device: 5 },
  // Six digits are few; the caller already proved the password, so the account-wide limit is low.
  second_factor: { accountAddress: 5, account: 10, address: 20, device: 5 },
  // Nobody guesses an authorization code; what a flood of refused returns costs is a request to the
  // provider's token endpoint and an audit event each. One address (a city hall's shared one too)
  // gets generous room; a provider's refusals from everywhere are capped higher still, so a spread
  // flood cannot make Kopa hammer the provider (sign-ins through it pause; passwords still work).
  identity_provider: { accountAddress: 20, account: 200, address: 30, device: 20 },
};

export interface DimensionCount {
  count: number;
  /** The oldest counted attempt, when there is one. */
  oldest: Date | null;
}

export interface AttemptCounts {
  accountAddress: DimensionCount;
  account: DimensionCount;
  address: DimensionCount;
  /** Attempts that carried the same known-browser cookie for this account. */
  device: DimensionCount;
}

/**
 * Seconds until another attempt is allowed, or 0 when one is allowed now. A known browser
 * (one the person completed a second factor on) is limited on its own and by nothing else.
 */
export function throttleWaitSeconds(kind: AttemptKind, counts: AttemptCounts, knownBrowser: boolean, now: Date): number {
  const limits = ATTEMPT_LIMITS[kind];
  const windowMs = THROTTLE_WINDOW_MINUTES * 60_000;
  const dimensions: (keyof AttemptCounts)[] = knownBrowser ? ['device'] : ['accountAddress', 'account', 'address'];
  const waits = dimensions
    .filter((d) => counts[d].count >= limits[d] && counts[d].oldest)
    .map((d) => counts[d].oldest!.getTime() + windowMs - now.getTime());
  return Math.ceil(Math.max(0, ...waits) / 1000);
}

/** API tokens are shown once; this prefix lets people tell them apart later. */
export const TOKEN_PREFIX = 'kopa_';

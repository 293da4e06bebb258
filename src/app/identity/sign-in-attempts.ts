import { THROTTLE_WINDOW_MINUTES, throttleWaitSeconds } from '../../domain/auth-policy.js';
import { KopaError } from '../../domain/errors.js';
import type { IdentityDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import type { AttemptKey } from './second-factor-ports.js';
import { hashSecret } from '../shared/secrets.js';

/**
 * Takes an attempt slot before anything is checked: under a per-account lock it counts the
 * failures (and the attempts still being checked) and writes this attempt as unsettled, so that
 * however many requests arrive at once, no more checks run than the limit allows.
 */
export async function reserveAttempt(deps: { store: Pick<IdentityDeps['store'], 'loginAttempts' | 'secondFactors'> }, tx: Tx, key: AttemptKey, now: Date): Promise<string> {
  await deps.store.loginAttempts.lock(tx, key.email, key.clientAddress);
  await refuseWhenThrottled(deps, tx, key, now);
  return deps.store.loginAttempts.reserve(tx, key, now);
}

const WHAT: Record<AttemptKey['kind'], string> = { password: 'sign-in', second_factor: 'second-factor', identity_provider: 'identity provider sign-in' };

/** Throws `throttled` (429, with the seconds to wait) when this key has used up its attempts; takes no slot. */
export async function refuseWhenThrottled(deps: { store: Pick<IdentityDeps['store'], 'loginAttempts' | 'secondFactors'> }, tx: Tx, key: AttemptKey, now: Date): Promise<void> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const counts = await deps.store.loginAttempts.counts(tx, since, key);
  const wait = throttleWaitSeconds(key.kind, counts, key.device !== null, now);
  if (wait > 0) throw new KopaError('throttled', `Too many failed ${WHAT[key.kind]} attempts; try again later`, [], wait, { reason: 'sign_in_throttled', params: { kind: key.kind } });
}

/**
 * The hash of the known-browser cookie when it is valid for this person, else null. It only
 * counts for someone with a second factor: the exemption is for people who will prove one.
 */
export async function knownBrowser(deps: { store: Pick<IdentityDeps['store'], 'loginAttempts' | 'secondFactors'> }, tx: Tx, deviceToken: string | null, userId: string | null, hasFactor: boolean, now: Date): Promise<string | null> {
  if (!deviceToken || !userId || !hasFactor) return null;
  const tokenHash = hashSecret(deviceToken);
  return (await deps.store.secondFactors.isKnownBrowser(tx, tokenHash, userId, now)) ? tokenHash : null;
}

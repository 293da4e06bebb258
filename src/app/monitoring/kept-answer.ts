import type { MonitoringDeps } from './ports.js';
import { SHARED, type PlatformStatus } from './platform-status.js';
import { SYSTEM } from '../shared/transaction.js';

/**
 * How old a kept answer may be for a starting server to give it. Visitors are told the page is
 * refreshed every 15 s, and after an expiry they get the answer in hand while the next is
 * computed; an answer kept before a restart is given the same way, while the starting server
 * computes its own. A restart's pause fits in a minute; an older answer may tell of a platform
 * that has changed more than such a page lets a visitor expect, so the first visitor waits instead.
 */
export const KEPT_ANSWER_MAX_AGE_MS = 60_000;

type Deps = Pick<MonitoringDeps, 'store' | 'clock'>;

/**
 * The public page's last answer kept in the database (by this server before a restart or a crash,
 * or by another replica), if it is of this release's `shape` and no older than
 * KEPT_ANSWER_MAX_AGE_MS.
 * An answer from the future (a clock set back since) is not given either.
 */
export async function keptPublicStatus(deps: Deps, shape: string): Promise<PlatformStatus | null> {
  const kept = await deps.store.run(SYSTEM, (tx) => deps.store.statusDays.keptAnswer(tx, SHARED));
  if (!kept || kept.shape !== shape) return null;
  const age = deps.clock.now().getTime() - kept.generatedAt.getTime();
  if (age < 0 || age > KEPT_ANSWER_MAX_AGE_MS) return null;
  return JSON.parse(kept.body) as PlatformStatus;
}

/**
 * Keeps the public page's answer for the next server to start (ADR 0022, "The answer kept across a
 * restart"), and gives back the space the one kept before took.
 */
export async function keepPublicStatus(deps: Deps, status: PlatformStatus, shape: string): Promise<void> {
  const answer = { generatedAt: new Date(status.generatedAt), shape, body: JSON.stringify(status) };
  await deps.store.run(SYSTEM, (tx) => deps.store.statusDays.keepAnswer(tx, SHARED, answer));
  await deps.store.statusDays.reclaimKeptAnswers();
}

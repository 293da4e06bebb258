import type { Actor } from '../../domain/actor.js';
import { KopaError, validationError } from '../../domain/errors.js';
import { passwordProblem, type User } from '../../domain/user.js';
import { scopeOf } from '../shared/authorize.js';
import type { IdentityDeps } from './ports.js';
import { confirmPassword } from './reauthenticate.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';

function requirePerson(actor: Actor): string {
  if (actor.kind !== 'user' || !actor.id) throw new KopaError('forbidden', 'Only a signed-in person has an own account');
  return actor.id;
}

/**
 * Changing one's password ends every session of that person, this one included. The current
 * password is checked like a sign-in (throttled): a stolen session is no way to guess it.
 */
export async function changeOwnPassword(deps: IdentityDeps, actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
  const userId = requirePerson(actor);
  // The new password is judged first: a refusal of its form must not spend a throttled attempt.
  const problem = passwordProblem(newPassword, actor.label);
  if (problem) throw validationError('newPassword', problem.code, problem.message, problem.params);
  if (newPassword === currentPassword) throw validationError('newPassword', 'password_unchanged', 'must differ from the current password');
  await confirmPassword(deps, actor, currentPassword, 'currentPassword');
  await deps.store.run(SYSTEM, async (tx) => {
    const found = await deps.store.users.findForLogin(tx, actor.label);
    if (!found || found.id !== userId || !found.passwordHash) throw new KopaError('not_found', 'User not found');
    await deps.store.users.update(tx, null, userId, { passwordHash: await deps.passwords.hash(newPassword) }, deps.clock.now());
    await deps.store.sessions.deleteForUser(tx, null, userId);
    await recordAudit(deps, tx, actor, { action: 'user.password_changed', entityType: 'user', entityId: userId, tenantId: found.tenantId });
  });
}

export async function changeOwnLocale(deps: IdentityDeps, actor: Actor, locale: 'lv' | 'en'): Promise<User> {
  const userId = requirePerson(actor);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.users.get(tx, actor.tenantId, userId);
    const after = await deps.store.users.update(tx, actor.tenantId, userId, { locale }, deps.clock.now());
    await recordAudit(deps, tx, actor, { action: 'user.locale_changed', entityType: 'user', entityId: userId, tenantId: actor.tenantId, before, after });
    return after;
  });
}

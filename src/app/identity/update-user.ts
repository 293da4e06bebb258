import type { Actor } from '../../domain/actor.js';
import { FieldErrors, KopaError, forbidden, notFound, fieldError } from '../../domain/errors.js';
import { canGrantRole, isTenantRole, type Role } from '../../domain/roles.js';
import { passwordProblem, type User } from '../../domain/user.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { IdentityDeps, UserRecord } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

export interface UpdateUserInput {
  name?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  locale?: 'lv' | 'en' | undefined;
  /** An administrator's password reset; signs the person out everywhere. */
  password?: string | undefined;
}

export async function updateUser(deps: IdentityDeps, actor: Actor, userId: string, input: UpdateUserInput): Promise<User> {
  requirePermission(actor, 'users.write');
  const tenantFilter = tenantFilterOf(actor);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.users.get(tx, tenantFilter, userId);
    if (!before) throw notFound('User');
    const errors = new FieldErrors();
    if (input.name !== undefined && input.name.trim().length < 2) errors.add('name', 'too_short', 'must have at least 2 characters', { min: 2 });
    if (input.role !== undefined && input.role !== before.role) {
      if (actor.role !== 'system' && !canGrantRole(actor.role, input.role)) throw forbidden(`Your role may not grant ${input.role}`);
      if (isTenantRole(input.role) !== isTenantRole(before.role)) errors.add('role', 'role_scope_change', 'cannot move an account between the agency and a municipality');
    }
    if (actor.id === userId && (input.active === false || (input.role !== undefined && input.role !== before.role))) {
      errors.add(input.active === false ? 'active' : 'role', 'self_demotion', 'you cannot deactivate or demote yourself');
    }
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password, before.email);
      if (problem) errors.addProblem('password', problem);
    }
    errors.throwIfAny();

    const changes: Partial<UserRecord> = {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.active !== undefined && { active: input.active }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.password !== undefined && { passwordHash: await deps.passwords.hash(input.password) }),
    };
    if (Object.keys(changes).length === 0) throw new KopaError('validation', 'Nothing to change', [fieldError('body', 'required', 'changes nothing')]);
    const after = await deps.store.users.update(tx, tenantFilter, userId, changes, deps.clock.now());
    if (input.active === false || input.password !== undefined) await deps.store.sessions.deleteForUser(tx, tenantFilter, userId);
    const action = input.password !== undefined ? 'user.password_reset' : input.active === false ? 'user.deactivated' : 'user.updated';
    await recordAudit(deps, tx, actor, { action, entityType: 'user', entityId: userId, tenantId: after.tenantId, before, after });
    return after;
  });
}

import type { Actor } from '../../domain/actor.js';
import { FieldErrors, forbidden, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { canGrantRole, isTenantRole, type Role } from '../../domain/roles.js';
import { EMAIL_PATTERN, normalizeEmail, passwordProblem, type User } from '../../domain/user.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { IdentityDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { newTemporaryPassword } from '../shared/secrets.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
  password?: string | undefined;
  locale?: 'lv' | 'en' | undefined;
}

/** Without a password a one-time password is made and returned once, to hand over safely. */
export async function createUser(deps: IdentityDeps, actor: Actor, input: CreateUserInput): Promise<{ user: User; temporaryPassword: string | null }> {
  requirePermission(actor, 'users.write');
  // A municipality's admin cannot see other municipalities' accounts, so creating one here would
  // tell them whether an address is taken elsewhere; they invite by e-mail instead (ADR 0008).
  if (actor.tenantId !== null) throw forbidden('A municipality administrator adds people by invitation: POST /tenants/{id}/invitations');
  if (actor.role !== 'system' && !canGrantRole(actor.role, input.role)) throw forbidden(`Your role may not create ${input.role} accounts`);
  if (input.tenantId) requireTenantAccess(actor, input.tenantId);
  else if (actor.tenantId !== null) throw forbidden('Municipality administrators create users of their own municipality only');

  const email = normalizeEmail(input.email);
  const errors = new FieldErrors();
  if (!EMAIL_PATTERN.test(email)) errors.add('email', 'invalid_email', 'must be an e-mail address');
  if (input.name.trim().length < 2) errors.add('name', 'too_short', 'must have at least 2 characters', { min: 2 });
  if (isTenantRole(input.role) && !input.tenantId) errors.add('role', 'role_needs_tenant', 'a municipality role needs a municipality');
  if (!isTenantRole(input.role) && input.tenantId) errors.add('role', 'role_takes_no_tenant', 'agency roles belong to no municipality');
  const problem = input.password === undefined ? null : passwordProblem(input.password, email);
  if (problem) errors.addProblem('password', problem);
  errors.throwIfAny();

  const temporaryPassword = input.password === undefined ? newTemporaryPassword() : null;
  const passwordHash = await deps.passwords.hash(input.password ?? temporaryPassword!);

  return deps.store.run(scopeOf(actor), async (tx) => {
    if (input.tenantId && !(await deps.store.tenants.get(tx, input.tenantId))) throw notFound('Municipality');
    if (await deps.store.users.emailTaken(tx, email)) {
      throw stateProblem('conflict', 'email_registered', {}, 'A user with this e-mail already exists', [fieldError('email', 'not_unique', 'is already registered')]);
    }
    const user = await deps.store.users.insert(tx, {
      email,
      name: input.name.trim(),
      role: input.role,
      tenantId: input.tenantId,
      active: true,
      locale: input.locale ?? 'lv',
      passwordHash,
    });
    await recordAudit(deps, tx, actor, { action: 'user.created', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: user });
    return { user, temporaryPassword };
  });
}

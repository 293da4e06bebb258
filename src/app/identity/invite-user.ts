import type { Actor } from '../../domain/actor.js';
import { FieldErrors, forbidden, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { canGrantRole, isTenantRole, type Role } from '../../domain/roles.js';
import { EMAIL_PATTERN, normalizeEmail } from '../../domain/user.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { Invitation } from './invitation-ports.js';
import type { IdentityDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';

export const INVITATION_DAYS = 7;

export interface InviteUserInput {
  email: string;
  name: string;
  role: Role;
  locale?: 'lv' | 'en' | undefined;
}

/**
 * Invites a person to a municipality. The answer, the stored invitation and the audit event are
 * the same whether or not the address already has an account in another municipality: that is
 * decided later, by the job that writes to the address (ADR 0008), so an administrator cannot
 * probe other municipalities' people. Only a person already in this municipality, whom the
 * administrator can list anyway, is refused here.
 */
export async function inviteUser(deps: IdentityDeps, actor: Actor, tenantId: string, input: InviteUserInput): Promise<Invitation> {
  requirePermission(actor, 'users.write');
  requireTenantAccess(actor, tenantId);
  if (actor.role !== 'system' && !canGrantRole(actor.role, input.role)) throw forbidden(`Your role may not invite ${input.role} accounts`);

  const email = normalizeEmail(input.email);
  const errors = new FieldErrors();
  if (!EMAIL_PATTERN.test(email)) errors.add('email', 'invalid_email', 'must be an e-mail address');
  if (input.name.trim().length < 2) errors.add('name', 'too_short', 'must have at least 2 characters', { min: 2 });
  if (!isTenantRole(input.role)) errors.add('role', 'not_one_of', 'must be tenant_admin or tenant_user', { allowed: 'tenant_admin, tenant_user' });
  errors.throwIfAny();
  if (!deps.notifications?.mailEnabled || !deps.notifications.publicUrl) {
    throw stateProblem('invalid_state', 'email_not_configured', {}, 'Invitations go out by e-mail with a link to Kopa, and this Kopa sends no e-mail (KOPA_SMTP_URL and KOPA_PUBLIC_URL); ask the agency to add the person');
  }

  const now = deps.clock.now();
  // The system scope, because the e-mail job is queued in the same transaction and the queue
  // belongs to the system; the caller's reach was checked above and every query names tenantId.
  return deps.store.run(SYSTEM, async (tx) => {
    if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    const members = await deps.store.users.list(tx, tenantId, {});
    if (members.some((u) => u.email === email)) throw stateProblem('conflict', 'already_member', {}, 'This person is already a user of this municipality', [fieldError('email', 'already_member', 'is already a user of this municipality')]);
    const invitation = await deps.store.invitations.insert(tx, {
      tenantId,
      email,
      name: input.name.trim(),
      role: input.role as Invitation['role'],
      locale: input.locale ?? 'lv',
      invitedBy: actor.label,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    });
    await recordAudit(deps, tx, actor, { action: 'user.invited', entityType: 'invitation', entityId: invitation.id, tenantId, after: invitation });
    await deps.store.jobs.enqueue(tx, 'invitation', { invitationId: invitation.id }, now, `invitation:${invitation.id}`);
    return invitation;
  });
}

export async function listInvitations(deps: IdentityDeps, actor: Actor, tenantId: string): Promise<Invitation[]> {
  requirePermission(actor, 'users.read');
  requireTenantAccess(actor, tenantId);
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    return deps.store.invitations.list(tx, tenantId, deps.clock.now());
  });
}

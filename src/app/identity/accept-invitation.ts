import { systemActor, type Actor } from '../../domain/actor.js';
import { notFound, validationError, fieldError, stateProblem } from '../../domain/errors.js';
import { passwordProblem } from '../../domain/user.js';
import type { IdentityDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashSecret, newSecret } from '../shared/secrets.js';
import { SYSTEM } from '../shared/transaction.js';


/**
 * The `invitation` job: writes to the invited address. A new address gets a link (its secret is
 * made here and only its hash is kept); an address that already has a Kopa account gets a notice
 * instead, so its holder, and no one else, learns that someone tried to add them.
 */
export async function deliverInvitation(deps: IdentityDeps, payload: { invitationId: string }): Promise<void> {
  if (!deps.notifier || !deps.notifications?.publicUrl) throw new Error('E-mail or KOPA_PUBLIC_URL is not configured');
  const now = deps.clock.now();
  const message = await deps.store.run(SYSTEM, async (tx) => {
    const invitation = await deps.store.invitations.get(tx, payload.invitationId, now);
    if (!invitation || invitation.status !== 'pending') return null;
    const tenant = await deps.store.tenants.get(tx, invitation.tenantId);
    const municipality = tenant?.name ?? 'pašvaldība';
    const existing = await deps.store.users.findForLogin(tx, invitation.email);
    await recordAudit(deps, tx, systemActor('invitation'), { action: 'user.invitation_sent', entityType: 'invitation', entityId: invitation.id, tenantId: invitation.tenantId, after: { invitationId: invitation.id } });
    if (existing) {
      return {
        to: [invitation.email],
        subject: `Kopa: ${municipality}`,
        text: [
          `${invitation.invitedBy} (${municipality}) mēģināja pievienot šo adresi Kopā. Tai jau ir Kopas konts, tāpēc nekas netika mainīts.`,
          'Ja jums vajag piekļuvi šai pašvaldībai, lūdzu, sazinieties ar Rīgas digitālās aģentūras atbalsta dienestu.',
          '',
          `${invitation.invitedBy} (${municipality}) tried to add this address to Kopa. It already has a Kopa account, so nothing was changed.`,
          'If you need access to this municipality, please contact the Riga Digital Agency service desk.',
        ].join('\n'),
      };
    }
    const token = newSecret(32);
    await deps.store.invitations.setTokenHash(tx, invitation.id, hashSecret(token));
    const link = `${deps.notifications!.publicUrl}/invitation#${token}`;
    return {
      to: [invitation.email],
      subject: `Kopa: ${municipality}`,
      text: [
        `${invitation.invitedBy} aicina jūs pievienoties Kopai (${municipality}). Izvēlieties paroli šeit līdz ${invitation.expiresAt.slice(0, 10)}:`,
        link,
        '',
        `${invitation.invitedBy} invites you to Kopa (${municipality}). Choose your password here by ${invitation.expiresAt.slice(0, 10)}:`,
        link,
      ].join('\n'),
    };
  });
  // Sent after the link's hash is committed; a failed send is retried with a fresh link.
  if (message) await deps.notifier.sendMail(message);
}

export interface AcceptInvitationInput {
  token: string;
  password: string;
  requestId: string | null;
  clientAddress: string | null;
}

/** The invited person chooses a password: the account is created in the inviting municipality. */
export async function acceptInvitation(deps: IdentityDeps, input: AcceptInvitationInput): Promise<{ email: string }> {
  const now = deps.clock.now();
  const tokenHash = hashSecret(input.token);
  const open = await deps.store.run(SYSTEM, (tx) => deps.store.invitations.findOpenByTokenHash(tx, tokenHash, now));
  // Unknown, used and expired links are one answer.
  if (!open) throw notFound('Invitation');
  const problem = passwordProblem(input.password, open.email);
  if (problem) throw validationError('password', problem.code, problem.message, problem.params);
  const passwordHash = await deps.passwords.hash(input.password);

  return deps.store.run(SYSTEM, async (tx) => {
    const invitation = await deps.store.invitations.findOpenByTokenHash(tx, tokenHash, now);
    if (!invitation) throw notFound('Invitation');
    if (await deps.store.users.emailTaken(tx, invitation.email)) {
      throw stateProblem('conflict', 'account_exists', {}, 'This address already has a Kopa account: sign in with it', [fieldError('email', 'not_unique', 'already has an account')]);
    }
    const user = await deps.store.users.insert(tx, {
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      tenantId: invitation.tenantId,
      active: true,
      locale: invitation.locale,
      passwordHash,
    });
    await deps.store.invitations.markAccepted(tx, invitation.id, user.id, now);
    const actor: Actor = { kind: 'user', id: user.id, label: user.email, role: user.role, tenantId: user.tenantId, requestId: input.requestId, clientAddress: input.clientAddress };
    await recordAudit(deps, tx, actor, { action: 'user.created', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { ...user, invitationId: invitation.id } });
    return { email: user.email };
  });
}

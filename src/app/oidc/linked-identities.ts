import type { Actor } from '../../domain/actor.js';
import { forbidden, notFound } from '../../domain/errors.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { LinkedIdentity, OidcDeps } from './oidc-ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';

function ownId(actor: Actor): string {
  if (actor.kind !== 'user' || !actor.id) throw forbidden('Only a person has linked identities');
  return actor.id;
}

/** The identities at providers a person signs in with, for their account page. */
export async function listOwnIdentities(deps: OidcDeps, actor: Actor): Promise<LinkedIdentity[]> {
  const userId = ownId(actor);
  return deps.store.run(scopeOf(actor), (tx) => deps.store.identityProviders.linksOf(tx, userId));
}

/** A person's linked identities, for the people who manage them: operators any person's, a municipality's admin its own people's. */
export async function listPersonIdentities(deps: OidcDeps, actor: Actor, userId: string): Promise<LinkedIdentity[]> {
  requirePermission(actor, 'users.read');
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.users.get(tx, tenantFilterOf(actor), userId))) throw notFound('User');
    return deps.store.identityProviders.linksOf(tx, userId);
  });
}

/**
 * Unlinking forgets which identity at the provider is this person: the next sign-in through that
 * provider is matched by verified e-mail again (as a first one is), so a wrong or stale link can be
 * undone. Sessions already open stay; "sign out everywhere" ends them.
 */
async function unlink(deps: OidcDeps, tx: Tx, actor: Actor, userId: string, linkId: string): Promise<void> {
  const removed = await deps.store.identityProviders.unlink(tx, userId, linkId);
  if (!removed) throw notFound('Linked identity');
  const person = await deps.store.users.get(tx, null, userId);
  await recordAudit(deps, tx, actor, {
    action: 'identity.unlinked',
    entityType: 'user',
    entityId: userId,
    tenantId: person?.tenantId ?? null,
    before: { provider: removed.providerId, subject: removed.subject, email: removed.email },
  });
}

/** A person unlinks one of their own identities. */
export async function unlinkOwnIdentity(deps: OidcDeps, actor: Actor, linkId: string): Promise<void> {
  const userId = ownId(actor);
  await deps.store.run(scopeOf(actor), (tx) => unlink(deps, tx, actor, userId, linkId));
}

/** An operator unlinks any person's identity, a municipality's admin one of its own people's. */
export async function unlinkPersonIdentity(deps: OidcDeps, actor: Actor, userId: string, linkId: string): Promise<void> {
  requirePermission(actor, 'users.write');
  await deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.users.get(tx, tenantFilterOf(actor), userId))) throw notFound('User');
    await unlink(deps, tx, actor, userId, linkId);
  });
}

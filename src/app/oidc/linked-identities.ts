import type { Actor } from '../../domain/actor.js';
import { forbidden } from '../../domain/errors.js';
import { scopeOf } from '../shared/authorize.js';
import type { Deps } from '../ports.js';
import type { LinkedIdentity } from './oidc-ports.js';

/** The identities at providers a person signs in with, for their account page. */
export async function listOwnIdentities(deps: Deps, actor: Actor): Promise<LinkedIdentity[]> {
  if (actor.kind !== 'user' || !actor.id) throw forbidden('Only a person has linked identities');
  const userId = actor.id;
  return deps.store.run(scopeOf(actor), (tx) => deps.store.identityProviders.linksOf(tx, userId));
}

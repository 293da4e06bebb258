import type { Actor } from '../../domain/actor.js';
import type { IdentityDeps } from './ports.js';
import type { Clock } from '../shared/ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';

export async function logOut(deps: { store: Pick<IdentityDeps['store'], 'run' | 'sessions' | 'audit'>; clock: Clock }, actor: Actor, sessionTokenHash: string): Promise<void> {
  await deps.store.run(SYSTEM, async (tx) => {
    await deps.store.sessions.delete(tx, sessionTokenHash);
    await recordAudit(deps, tx, actor, { action: 'session.logout', entityType: 'user', entityId: actor.id, tenantId: actor.tenantId });
  });
}

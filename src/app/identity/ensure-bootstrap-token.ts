import { systemActor } from '../../domain/actor.js';
import { TOKEN_PREFIX } from '../../domain/auth-policy.js';
import type { IdentityDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashSecret } from '../shared/secrets.js';
import { SYSTEM } from '../shared/transaction.js';

export type BootstrapOutcome = 'registered' | 'present' | 'revoked';

/**
 * Registers KOPA_BOOTSTRAP_TOKEN as an operator token so automation can provision a
 * fresh instance. Idempotent; a token an operator has revoked stays revoked.
 */
export async function ensureBootstrapToken(deps: IdentityDeps, token: string): Promise<BootstrapOutcome> {
  const actor = systemActor('bootstrap');
  return deps.store.run(SYSTEM, async (tx) => {
    const tokenHash = hashSecret(token);
    const existing = await deps.store.tokens.findByHash(tx, tokenHash);
    if (existing) return existing.revokedAt ? 'revoked' : 'present';
    const created = await deps.store.tokens.insert(tx, {
      name: 'bootstrap',
      role: 'operator',
      tenantId: null,
      prefix: token.startsWith(TOKEN_PREFIX) ? token.slice(0, TOKEN_PREFIX.length + 6) : token.slice(0, 6),
      tokenHash,
      createdBy: 'bootstrap',
      createdByUserId: null,
      expiresAt: null,
    });
    await recordAudit(deps, tx, actor, { action: 'token.created', entityType: 'api_token', entityId: created.id, tenantId: null, after: created });
    return 'registered';
  });
}

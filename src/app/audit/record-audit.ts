import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor.js';
import type { AuditAction } from '../../domain/audit-actions.js';
import { auditHashInput, type AuditPayload } from '../../domain/audit.js';
import type { Tx } from '../shared/transaction.js';
import type { AuditRecording } from './ports.js';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  tenantId: string | null;
  before?: unknown;
  after?: unknown;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Appends one hash-chained event inside the caller's transaction. */
export async function recordAudit(deps: AuditRecording, tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  const { seq, prevHash } = await deps.store.audit.reserve(tx);
  const payload: AuditPayload = {
    id: randomUUID(),
    at: deps.clock.now().toISOString(),
    actorKind: actor.kind,
    actorId: actor.id,
    actorLabel: actor.label,
    tenantId: entry.tenantId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: stripSecrets(entry.before ?? null),
    after: stripSecrets(entry.after ?? null),
    requestId: actor.requestId,
    clientAddress: actor.clientAddress,
  };
  const hash = sha256Hex(auditHashInput(prevHash, payload));
  await deps.store.audit.insert(tx, { ...payload, seq: seq.toString(), prevHash, hash });
}

const SECRET_KEYS = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'csrfToken']);

/** Secrets never enter the audit log, not even hashed. */
function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.has(k))
        .map(([k, v]) => [k, stripSecrets(v)]),
    );
  }
  return value;
}

import { sql, type Selectable } from 'kysely';
import type { Store } from '../../app/ports.js';
import { auditInstant, type AuditEvent } from '../../domain/audit.js';
import type { AuditEventsTable } from '../schema.js';
import { trxOf } from '../tx.js';

/** `at` to the microsecond as stored, in UTC whatever the session's time zone. */
const AT_EXACT = sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`.as('at_exact');

function toEvent(row: Selectable<AuditEventsTable> & { at_exact: string }): AuditEvent {
  return {
    seq: String(row.seq),
    id: row.id,
    at: auditInstant(row.at_exact),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    tenantId: row.tenant_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
    clientAddress: row.client_address,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export const auditRepository: Store['audit'] = {
  async reserve(tx) {
    const { rows } = await sql<{ next_seq: string; prev_hash: string }>`SELECT * FROM kopa_audit_reserve()`.execute(trxOf(tx));
    const row = rows[0]!;
    return { seq: BigInt(row.next_seq), prevHash: row.prev_hash };
  },
  async insert(tx, event) {
    const trx = trxOf(tx);
    await trx
      .insertInto('audit_events')
      .values({
        seq: event.seq,
        id: event.id,
        at: event.at,
        actor_kind: event.actorKind,
        actor_id: event.actorId,
        actor_label: event.actorLabel,
        tenant_id: event.tenantId,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        before: event.before === null ? null : JSON.stringify(event.before),
        after: event.after === null ? null : JSON.stringify(event.after),
        request_id: event.requestId,
        client_address: event.clientAddress,
        prev_hash: event.prevHash,
        hash: event.hash,
      })
      .execute();
    await sql`SELECT kopa_audit_advance(${event.seq}::bigint, ${event.hash})`.execute(trx);
  },
  async list(tx, f) {
    let q = trxOf(tx).selectFrom('audit_events').selectAll().select(AT_EXACT).orderBy('seq', 'desc').limit(f.limit);
    if (f.tenantId) q = q.where('tenant_id', '=', f.tenantId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.entityType) q = q.where('entity_type', '=', f.entityType);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.actorId) q = q.where('actor_id', '=', f.actorId);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.beforeSeq) q = q.where('seq', '<', f.beforeSeq);
    return (await q.execute()).map(toEvent);
  },
  async readChain(tx, afterSeq, limit) {
    let q = trxOf(tx).selectFrom('audit_events').selectAll().select(AT_EXACT).orderBy('seq', 'asc').limit(limit);
    if (afterSeq !== null) q = q.where('seq', '>', afterSeq);
    return (await q.execute()).map(toEvent);
  },
  async head(tx) {
    const { rows } = await sql<{ seq: string; hash: string }>`SELECT seq::text AS seq, hash FROM kopa_audit_head()`.execute(trxOf(tx));
    const row = rows[0];
    return row && row.seq !== null ? row : null;
  },
};

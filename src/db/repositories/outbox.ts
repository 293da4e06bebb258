import { sql } from 'kysely';
import type { OutboxChannel, OutboxRecord, OutboxStatus, OutboxStore } from '../../app/shared/ports.js';
import { trxOf } from '../tx.js';

interface Row {
  id: string | number | bigint;
  event_key: string;
  event: string;
  channel: string;
  recipient: string;
  tenant_id: string | null;
  subject: string | null;
  payload: unknown;
  language: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const toRecord = (r: Row): OutboxRecord => ({
  id: String(r.id),
  eventKey: r.event_key,
  event: r.event,
  channel: r.channel as OutboxChannel,
  recipient: r.recipient,
  tenantId: r.tenant_id,
  subject: r.subject,
  payload: r.payload,
  language: r.language === 'en' ? 'en' : 'lv',
  status: r.status as OutboxStatus,
  attempts: r.attempts,
  nextAttemptAt: new Date(r.next_attempt_at),
  lastError: r.last_error,
  createdAt: new Date(r.created_at),
  sentAt: r.sent_at === null ? null : new Date(r.sent_at),
});

export const outboxRepository: OutboxStore = {
  async record(tx, notices, at) {
    if (notices.length === 0) return 0;
    const result = await trxOf(tx)
      .insertInto('outbox')
      .values(notices.map((n) => ({
        event_key: n.eventKey,
        event: n.event,
        channel: n.channel,
        recipient: n.recipient,
        tenant_id: n.tenantId,
        subject: n.subject,
        payload: JSON.stringify(n.payload ?? {}),
        language: n.language,
        next_attempt_at: at,
        created_at: at,
      })))
      .onConflict((oc) => oc.columns(['event_key', 'channel', 'recipient']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  },
  /** SKIP LOCKED: replicas polling together each take different rows, never wait for one another. */
  async claim(tx, now, claimSeconds, limit) {
    const until = new Date(now.getTime() + claimSeconds * 1000);
    const { rows } = await sql<Row>`
      UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ${until}
      WHERE id IN (
        SELECT id FROM outbox
        WHERE status IN ('queued', 'sending') AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING *`.execute(trxOf(tx));
    return rows.map(toRecord).sort((a, b) => Number(a.id) - Number(b.id));
  },
  async markSent(tx, id, at) {
    const result = await trxOf(tx)
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: at, last_error: null })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async markFailed(tx, id, error, retryAt) {
    await trxOf(tx)
      .updateTable('outbox')
      .set(retryAt ? { status: 'queued', next_attempt_at: retryAt, last_error: error } : { status: 'failed', last_error: error })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute();
  },
  async release(tx, ids, now) {
    if (ids.length === 0) return;
    await trxOf(tx)
      .updateTable('outbox')
      .set({ status: 'queued', next_attempt_at: now, attempts: sql<number>`greatest(attempts - 1, 0)` })
      .where('id', 'in', [...ids])
      .where('status', '=', 'sending')
      .execute();
  },
  async list(tx, f) {
    let q = trxOf(tx).selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(f.limit);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.tenantId) q = q.where('tenant_id', '=', f.tenantId);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return (await q.execute()).map((r) => toRecord(r as unknown as Row));
  },
  async get(tx, id) {
    const row = await trxOf(tx).selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row as unknown as Row) : null;
  },
  async retry(tx, id, now) {
    const row = await trxOf(tx)
      .updateTable('outbox')
      .set({ status: 'queued', attempts: 0, next_attempt_at: now })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .returningAll()
      .executeTakeFirst();
    return row ? toRecord(row as unknown as Row) : null;
  },
  async counts(tx) {
    const rows = await trxOf(tx).selectFrom('outbox').select(['status', sql<string>`count(*)`.as('count')]).groupBy('status').execute();
    return rows.map((r) => ({ status: r.status as OutboxStatus, count: Number(r.count) }));
  },
};

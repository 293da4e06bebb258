import { sql } from 'kysely';
import type { Store } from '../../app/ports.js';
import { trxOf } from '../tx.js';

export const jobRepository: Store['jobs'] = {
  async enqueue(tx, kind, payload, runAt, dedupeKey) {
    await trxOf(tx)
      .insertInto('jobs')
      .values({ kind, payload: JSON.stringify(payload ?? {}), run_at: runAt, dedupe_key: dedupeKey, locked_by: null, locked_until: null, last_error: null, finished_at: null })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  },
  /** SKIP LOCKED lets several replicas poll at once without taking the same job. */
  async claim(tx, worker, now, lockSeconds, limit) {
    const until = new Date(now.getTime() + lockSeconds * 1000);
    const { rows } = await sql<{ id: string; kind: string; payload: unknown; attempts: number; max_attempts: number }>`
      UPDATE jobs SET status = 'running', locked_by = ${worker}, locked_until = ${until}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM jobs
        WHERE run_at <= ${now}
          AND (status = 'queued' OR (status = 'running' AND locked_until < ${now}))
        ORDER BY run_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, kind, payload, attempts, max_attempts`.execute(trxOf(tx));
    return rows.map((r) => ({ id: String(r.id), kind: r.kind, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }));
  },
  async complete(tx, jobId, at) {
    await trxOf(tx).updateTable('jobs').set({ status: 'done', finished_at: at, locked_by: null, locked_until: null }).where('id', '=', jobId).execute();
  },
  async fail(tx, jobId, error, retryAt, at) {
    await trxOf(tx)
      .updateTable('jobs')
      .set(
        retryAt
          ? { status: 'queued', run_at: retryAt, last_error: error, locked_by: null, locked_until: null }
          : { status: 'failed', last_error: error, finished_at: at, locked_by: null, locked_until: null },
      )
      .where('id', '=', jobId)
      .execute();
  },
  async release(tx, jobIds, worker) {
    if (jobIds.length === 0) return 0;
    const result = await trxOf(tx)
      .updateTable('jobs')
      .set({ status: 'queued', locked_by: null, locked_until: null, attempts: sql<number>`greatest(attempts - 1, 0)` })
      .where('id', 'in', jobIds)
      .where('status', '=', 'running')
      .where('locked_by', '=', worker)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
  async counts(tx) {
    const rows = await trxOf(tx)
      .selectFrom('jobs')
      .select(['kind', 'status', sql<string>`count(*)`.as('count')])
      .groupBy(['kind', 'status'])
      .execute();
    return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) }));
  },
  async prune(tx, before) {
    const result = await trxOf(tx).deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('finished_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};

import type pg from 'pg';

/**
 * What the soak left in `tickets`, printed before its database is dropped (ADR 0027): dead tuples
 * and the share of updates that were HOT, and the ticket lists' plans with their buffers, run the
 * way the app runs them (role kopa_app, the tenant stated, row-level security on).
 */
export async function inspectTicketLists(client: pg.Client, tenantId: string): Promise<void> {
  const { rows } = await client.query<Record<string, string | null>>(
    `SELECT relname, n_live_tup, n_dead_tup, n_tup_ins, n_tup_upd, n_tup_hot_upd,
            round(100.0 * n_tup_hot_upd / nullif(n_tup_upd, 0), 1) AS hot_percent,
            autovacuum_count, last_autovacuum, pg_relation_size(relid) / 8192 AS pages,
            (SELECT reloptions::text FROM pg_class WHERE oid = relid) AS reloptions
       FROM pg_stat_user_tables WHERE relname IN ('tickets', 'ticket_events') ORDER BY relname`,
  );
  console.log('Tables at the end (pg_stat_user_tables):');
  for (const r of rows) console.log(`  ${Object.entries(r).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  const indexes = await client.query<{ name: string; pages: string; scans: string }>(
    `SELECT indexrelname AS name, pg_relation_size(indexrelid) / 8192 AS pages, idx_scan AS scans FROM pg_stat_user_indexes WHERE relname = 'tickets' ORDER BY indexrelname`,
  );
  console.log(`  tickets' indexes (pages, scans): ${indexes.rows.map((i) => `${i.name} ${i.pages} ${i.scans}`).join(', ')}`);
  const lists = [
    { who: 'a municipality (tenant_user)', role: 'tenant_user', tenant: tenantId, query: `SELECT * FROM tickets WHERE tenant_id = '${tenantId}' ORDER BY number DESC LIMIT 21` },
    { who: 'the escalation job (system)', role: 'system', tenant: '', query: `SELECT * FROM tickets WHERE status NOT IN ('resolved', 'closed') AND escalation_due_at <= now()` },
    { who: 'the desk (desk_agent)', role: 'desk_agent', tenant: '', query: 'SELECT * FROM tickets ORDER BY number DESC LIMIT 21' },
  ];
  for (const list of lists) {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('kopa.role', $1, true), set_config('kopa.tenant_id', $2, true), set_config('role', 'kopa_app', true)`, [list.role, list.tenant]);
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${list.query}`);
      console.log(`The ticket list of ${list.who}: ${list.query}`);
      for (const line of plan.rows) console.log(`  ${line['QUERY PLAN']}`);
    } finally {
      await client.query('ROLLBACK');
    }
  }
}

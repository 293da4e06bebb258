/**
 * The yardstick for bench/api-throughput.ts: the least a server can do for
 * `GET /api/v1/tenants/{id}` with a Bearer token on Kopa's own schema — Fastify, a pg pool, the
 * token's SHA-256 looked up and the municipality read under row-level security, in one
 * transaction. No framework of ours, no checks beyond the token's. Started by the bench:
 *
 *   DATABASE_URL=postgres://… node --import tsx bench/api-baseline.ts
 */
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get<{ Params: { id: string } }>('/api/v1/tenants/:id', async (request, reply) => {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return reply.status(401).send({ code: 'unauthenticated' });
  const hash = createHash('sha256').update(token).digest('hex');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('kopa.role', 'system', true), set_config('kopa.tenant_id', '', true), set_config('role', 'kopa_app', true)");
    const found = await client.query<{ role: string; tenant_id: string | null }>(
      'SELECT role, tenant_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())',
      [hash],
    );
    const row = found.rows[0];
    if (!row) {
      await client.query('ROLLBACK');
      return reply.status(401).send({ code: 'unauthenticated' });
    }
    await client.query("SELECT set_config('kopa.role', $1, true), set_config('kopa.tenant_id', $2, true)", [row.role, row.tenant_id ?? '']);
    const tenant = await client.query('SELECT * FROM tenants WHERE id = $1', [request.params.id]);
    await client.query('COMMIT');
    if (!tenant.rows[0]) return reply.status(404).send({ code: 'not_found' });
    return tenant.rows[0];
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
});

const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`baseline listening at ${address}`);

import pg from 'pg';

/**
 * Runs once before any test file. Integration files migrate their own PostgreSQL databases two at a
 * time, and the first migration creates the cluster-wide role `kopa_app`: two doing so at once on a
 * fresh cluster could collide (a unique violation the migration does not expect), so the role is
 * made here first, as that migration makes it.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DO $$ BEGIN CREATE ROLE kopa_app NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  } finally {
    await client.end();
  }
}

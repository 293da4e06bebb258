-- Work divided between replicas by leases (ADR 0018). A lease is a named row that one replica
-- holds until `expires_at` by the database's clock. Two kinds of name: `replica:<id>`, a replica
-- saying it is alive (how the others know how many share the work), and `probe-shard:<n>`, one of
-- the fixed shards the `local` monitors are hashed into. A holder renews well before expiry; a lease
-- past its expiry may be taken by anyone, so a replica that dies loses its shards within one lease
-- period. Nothing here belongs to a tenant: only the system context touches it.
CREATE TABLE leases (
  name       text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 200),
  holder     text CHECK (holder IS NULL OR length(holder) BETWEEN 1 AND 200),
  expires_at timestamptz NOT NULL DEFAULT '-infinity'
);
CREATE INDEX leases_holder ON leases (holder);

ALTER TABLE leases ENABLE ROW LEVEL SECURITY;
ALTER TABLE leases FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON leases USING (kopa_role() = 'system');

GRANT SELECT, INSERT, UPDATE, DELETE ON leases TO kopa_app;

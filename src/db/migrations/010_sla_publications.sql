-- Published monthly availability reports. A publication is frozen: a later correction is a new
-- version that says what changed, and the earlier versions stay readable.
CREATE TABLE sla_report_publications (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  month         text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  version       integer NOT NULL CHECK (version >= 1),
  report        jsonb NOT NULL,
  changes       jsonb NOT NULL DEFAULT '[]',
  reason        text,
  published_at  timestamptz NOT NULL,
  published_by  text NOT NULL,
  UNIQUE (tenant_id, month, version)
);

ALTER TABLE sla_report_publications ENABLE ROW LEVEL SECURITY;
ALTER TABLE sla_report_publications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON sla_report_publications USING (kopa_can_see(tenant_id));

-- Insert only: no role may change or remove what was published.
GRANT SELECT, INSERT ON sla_report_publications TO kopa_app;

-- Monitoring: monitors per service, append-only probe results partitioned by month, maintenance windows.
CREATE TABLE monitors (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id           uuid NOT NULL REFERENCES services(id),
  tenant_id            uuid REFERENCES tenants(id),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type                 text NOT NULL CHECK (type IN ('http', 'tcp', 'dns', 'tls', 'push')),
  target               text,
  config               jsonb NOT NULL DEFAULT '{}',
  interval_seconds     integer NOT NULL CHECK (interval_seconds >= 10),
  timeout_ms           integer NOT NULL DEFAULT 10000 CHECK (timeout_ms BETWEEN 100 AND 120000),
  failures_to_confirm  integer NOT NULL DEFAULT 2 CHECK (failures_to_confirm BETWEEN 1 AND 20),
  critical             boolean NOT NULL DEFAULT true,
  locations            text[] NOT NULL DEFAULT '{local}',
  active               boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitors_service ON monitors (service_id);

-- Append-only and idempotent on (monitor, location, at). Monthly partitions are created on demand.
CREATE TABLE probe_results (
  monitor_id  uuid NOT NULL,
  location    text NOT NULL,
  at          timestamptz NOT NULL,
  ok          boolean NOT NULL,
  latency_ms  integer,
  error       text,
  PRIMARY KEY (monitor_id, location, at)
) PARTITION BY RANGE (at);

CREATE OR REPLACE FUNCTION kopa_ensure_probe_partition(month_start date) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  first date := date_trunc('month', month_start)::date;
  name text := format('probe_results_%s', to_char(first, 'YYYY_MM'));
BEGIN
  IF to_regclass(name) IS NOT NULL THEN
    RETURN;
  END IF;
  -- Concurrent batches may need the same new month: one creates it, the others wait for it
  -- (the lock) and then find it (IF NOT EXISTS looks again, past the function's stale cache).
  PERFORM pg_advisory_xact_lock(hashtext('kopa_probe_partition'), hashtext(name));
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF probe_results FOR VALUES FROM (%L) TO (%L)',
                 name, first::timestamp AT TIME ZONE 'UTC', (first + interval '1 month')::timestamp AT TIME ZONE 'UTC');
EXCEPTION WHEN duplicate_table OR unique_violation THEN
  NULL; -- created by a concurrent transaction after all
END $$;

CREATE TABLE maintenance_windows (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description   text,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL CHECK (ends_at > starts_at),
  announced_at  timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text
);
CREATE TABLE maintenance_window_services (
  window_id   uuid NOT NULL REFERENCES maintenance_windows(id),
  service_id  uuid NOT NULL REFERENCES services(id),
  PRIMARY KEY (window_id, service_id)
);
CREATE INDEX maintenance_windows_time ON maintenance_windows (starts_at, ends_at);

-- A municipality sees shared monitors and its own instances' monitors; results are read through reports.
ALTER TABLE monitors ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitors FORCE ROW LEVEL SECURITY;
CREATE POLICY visibility ON monitors USING (tenant_id IS NULL OR kopa_can_see(tenant_id));

ALTER TABLE probe_results ENABLE ROW LEVEL SECURITY;
ALTER TABLE probe_results FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON probe_results USING (kopa_is_agency());

GRANT SELECT, INSERT, UPDATE ON monitors TO kopa_app;
GRANT SELECT, INSERT ON probe_results TO kopa_app;
GRANT SELECT, INSERT ON maintenance_windows, maintenance_window_services TO kopa_app;
GRANT EXECUTE ON FUNCTION kopa_ensure_probe_partition(date) TO kopa_app;

-- Operators exclude an outage from the SLA (a probe fault, force majeure) with a reason. Confirmed
-- downtime inside [starts_at, ends_at) of the service then counts as neither up nor down; reports
-- show the exclusion. tenant_id NULL applies to every municipality using the service.
CREATE TABLE sla_exclusions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  service_id  uuid NOT NULL REFERENCES services(id),
  tenant_id   uuid REFERENCES tenants(id),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL,
  -- A mistaken exclusion is withdrawn, never deleted: the record and its reasons stay.
  withdrawn_at      timestamptz,
  withdrawn_by      text,
  withdrawal_reason text CHECK (length(withdrawal_reason) BETWEEN 1 AND 2000),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL) AND (withdrawn_at IS NULL) = (withdrawal_reason IS NULL))
);
CREATE INDEX sla_exclusions_service_time ON sla_exclusions (service_id, starts_at);

ALTER TABLE sla_exclusions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sla_exclusions FORCE ROW LEVEL SECURITY;
CREATE POLICY visibility ON sla_exclusions USING (tenant_id IS NULL OR kopa_can_see(tenant_id));
GRANT SELECT, INSERT ON sla_exclusions TO kopa_app;
GRANT UPDATE (withdrawn_at, withdrawn_by, withdrawal_reason) ON sla_exclusions TO kopa_app;

-- Billing runs: a month's statements, computed as drafts and finalised into invoices. A finalised
-- run never changes; late usage or a changed pool goes into a correction run.
CREATE TABLE billing_runs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  month            text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  kind             text NOT NULL CHECK (kind IN ('regular', 'correction')),
  status           text NOT NULL CHECK (status IN ('draft', 'finalized')),
  problems         jsonb NOT NULL DEFAULT '[]',
  computed_at      timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       text NOT NULL,
  finalized_at     timestamptz,
  finalized_by     text,
  -- Order of finalisation: the clock may give two runs the same instant, this never does.
  finalization     bigint UNIQUE,
  CHECK ((status = 'finalized') = (finalized_at IS NOT NULL)),
  CHECK ((status = 'finalized') = (finalization IS NOT NULL))
);
CREATE SEQUENCE billing_run_finalizations;
-- One finalised regular run per month; corrections follow it.
CREATE UNIQUE INDEX billing_runs_one_regular ON billing_runs (month) WHERE status = 'finalized' AND kind = 'regular';
CREATE INDEX billing_runs_month ON billing_runs (month, created_at DESC);

CREATE TABLE billing_statements (
  run_id       uuid NOT NULL REFERENCES billing_runs(id),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  statement    jsonb NOT NULL,
  net_cents    bigint NOT NULL,
  vat_cents    bigint NOT NULL,
  total_cents  bigint NOT NULL,
  invoice_ids  uuid[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (run_id, tenant_id)
);

-- A finalised run and its statements are frozen.
CREATE OR REPLACE FUNCTION kopa_billing_runs_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.status = 'finalized' OR TG_OP = 'UPDATE' AND OLD.status = 'finalized' THEN
    RAISE EXCEPTION 'billing run % is finalised and cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER billing_runs_frozen BEFORE UPDATE OR DELETE ON billing_runs FOR EACH ROW EXECUTE FUNCTION kopa_billing_runs_frozen();

CREATE OR REPLACE FUNCTION kopa_billing_statements_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  run_status text;
BEGIN
  SELECT status INTO run_status FROM billing_runs WHERE id = OLD.run_id;
  IF run_status = 'finalized' THEN
    RAISE EXCEPTION 'statements of finalised billing run % cannot change', OLD.run_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER billing_statements_frozen BEFORE UPDATE OR DELETE ON billing_statements FOR EACH ROW EXECUTE FUNCTION kopa_billing_statements_frozen();

ALTER TABLE billing_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_reads ON billing_runs FOR SELECT USING (kopa_is_agency());
CREATE POLICY billing_writes ON billing_runs FOR ALL USING (kopa_is_billing_writer()) WITH CHECK (kopa_is_billing_writer());
ALTER TABLE billing_statements ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_statements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON billing_statements FOR SELECT USING (kopa_can_see(tenant_id));
CREATE POLICY billing_writes ON billing_statements FOR ALL USING (kopa_is_billing_writer()) WITH CHECK (kopa_is_billing_writer());

GRANT SELECT, INSERT, UPDATE, DELETE ON billing_runs, billing_statements TO kopa_app;
GRANT USAGE ON SEQUENCE billing_run_finalizations TO kopa_app;

-- Metering: cloud providers, metered resources, tariffs, usage records and monthly cost pools.
-- Money and quantities are numeric (exact); the app reads them back as text.

-- Who may change the billing catalogue, tariffs, pools and usage (the app checks first).
CREATE OR REPLACE FUNCTION kopa_is_billing_writer() RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT kopa_role() IN ('operator', 'finance', 'system') $$;

CREATE TABLE billing_providers (
  code        text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,19}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO billing_providers (code, name) VALUES
  ('LVRTC', 'Latvijas Valsts radio un televīzijas centrs'),
  ('LNB', 'Latvijas Nacionālā bibliotēka');

-- unit_code: UN/ECE Recommendation 20 code used on invoice lines.
CREATE TABLE billing_resources (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  unit        text NOT NULL CHECK (length(unit) BETWEEN 1 AND 40),
  unit_code   text NOT NULL CHECK (unit_code ~ '^[A-Z0-9]{2,3}$'),
  kind        text NOT NULL CHECK (kind IN ('sum', 'gauge')),
  billable    boolean NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO billing_resources (code, name, unit, unit_code, kind, billable) VALUES
  ('vcpu_hour', 'Virtuālā procesora stundas (vCPU)', 'vCPU h', 'HUR', 'sum', true),
  ('ram_gb_hour', 'Operatīvās atmiņas GB stundas', 'GB h', 'HUR', 'sum', true),
  ('storage_gb_month', 'Datu glabāšana, GB mēnesī', 'GB mēn.', 'E34', 'sum', true),
  ('backup_gb_month', 'Rezerves kopijas, GB mēnesī', 'GB mēn.', 'E34', 'sum', true),
  ('egress_gb', 'Izejošā datplūsma, GB', 'GB', 'E34', 'sum', true),
  ('active_users', 'Aktīvie lietotāji', 'lietotāji', 'IE', 'gauge', false);

-- Validity is [valid_from, valid_to) in local dates; periods of one provider and resource never overlap.
CREATE TABLE tariffs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider    text NOT NULL REFERENCES billing_providers(code),
  resource    text NOT NULL REFERENCES billing_resources(code),
  unit_price  numeric(18,6) NOT NULL CHECK (unit_price >= 0),
  currency    text NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
  valid_from  date NOT NULL,
  valid_to    date CHECK (valid_to IS NULL OR valid_to > valid_from),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text
);
CREATE INDEX tariffs_lookup ON tariffs (provider, resource, valid_from);

-- The app checks overlaps first; this trigger is the guard for two writers at the same moment.
CREATE OR REPLACE FUNCTION kopa_tariffs_no_overlap() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7313007, hashtext(NEW.provider || '/' || NEW.resource));
  IF EXISTS (
    SELECT 1 FROM tariffs t
     WHERE t.provider = NEW.provider AND t.resource = NEW.resource AND t.id <> NEW.id
       AND daterange(t.valid_from, t.valid_to) && daterange(NEW.valid_from, NEW.valid_to)
  ) THEN
    RAISE EXCEPTION 'tariff periods of % % overlap', NEW.provider, NEW.resource
      USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'tariffs_no_overlap';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tariffs_no_overlap BEFORE INSERT OR UPDATE ON tariffs
  FOR EACH ROW EXECUTE FUNCTION kopa_tariffs_no_overlap();

-- `id` is the sender's idempotency key: a record sent again is not stored again.
CREATE TABLE usage_records (
  id            text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  provider      text NOT NULL REFERENCES billing_providers(code),
  resource      text NOT NULL REFERENCES billing_resources(code),
  quantity      numeric NOT NULL CHECK (quantity >= 0),
  period_start  timestamptz NOT NULL,
  period_end    timestamptz NOT NULL CHECK (period_end > period_start),
  batch_id      uuid NOT NULL,
  received_at   timestamptz NOT NULL,
  seq           bigint GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX usage_records_tenant_period ON usage_records (tenant_id, period_start);
CREATE INDEX usage_records_period ON usage_records (period_start);
-- The allocation driver's last value per month, found without scanning the month's metered records.
CREATE INDEX usage_records_active_users ON usage_records (tenant_id, period_start) WHERE resource = 'active_users';

-- A month's shared costs, split over the municipalities by a driver.
CREATE TABLE cost_pools (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  month        text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  amount       numeric(14,2) NOT NULL CHECK (amount >= 0),
  currency     text NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
  description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  driver       text NOT NULL DEFAULT 'active_users' CHECK (driver IN ('active_users', 'even', 'hosting_cost')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text
);
CREATE INDEX cost_pools_month ON cost_pools (month);

-- Row-level security -------------------------------------------------------
-- Usage belongs to a tenant: municipalities read their own; only billing writers add rows.
ALTER TABLE usage_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_records FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON usage_records FOR SELECT USING (kopa_can_see(tenant_id));
CREATE POLICY billing_writers ON usage_records FOR INSERT WITH CHECK (kopa_is_billing_writer());

-- The catalogue, tariffs and pools are the agency's, readable by every signed-in role.
ALTER TABLE billing_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY readable ON billing_providers FOR SELECT USING (true);
CREATE POLICY billing_writers ON billing_providers FOR INSERT WITH CHECK (kopa_is_billing_writer());

ALTER TABLE billing_resources ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_resources FORCE ROW LEVEL SECURITY;
CREATE POLICY readable ON billing_resources FOR SELECT USING (true);
CREATE POLICY billing_writers ON billing_resources FOR INSERT WITH CHECK (kopa_is_billing_writer());

ALTER TABLE tariffs ENABLE ROW LEVEL SECURITY;
ALTER TABLE tariffs FORCE ROW LEVEL SECURITY;
CREATE POLICY readable ON tariffs FOR SELECT USING (true);
CREATE POLICY billing_writers_add ON tariffs FOR INSERT WITH CHECK (kopa_is_billing_writer());
CREATE POLICY billing_writers_close ON tariffs FOR UPDATE USING (kopa_is_billing_writer()) WITH CHECK (kopa_is_billing_writer());

ALTER TABLE cost_pools ENABLE ROW LEVEL SECURITY;
ALTER TABLE cost_pools FORCE ROW LEVEL SECURITY;
CREATE POLICY readable ON cost_pools FOR SELECT USING (true);
CREATE POLICY billing_writers ON cost_pools FOR INSERT WITH CHECK (kopa_is_billing_writer());
-- Pools are corrected or withdrawn until (and after) a month is invoiced: a correction run follows.
CREATE POLICY billing_writers_edit ON cost_pools FOR UPDATE USING (kopa_is_billing_writer()) WITH CHECK (kopa_is_billing_writer());
CREATE POLICY billing_writers_remove ON cost_pools FOR DELETE USING (kopa_is_billing_writer());

GRANT SELECT, INSERT ON billing_providers, billing_resources, usage_records, cost_pools TO kopa_app;
GRANT SELECT, INSERT, UPDATE (valid_to) ON tariffs TO kopa_app;
GRANT UPDATE (amount, description, driver), DELETE ON cost_pools TO kopa_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kopa_app;

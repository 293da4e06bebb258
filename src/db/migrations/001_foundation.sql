-- Foundation: tenants, agreements, identity, audit log, job queue.
-- Tenant isolation: every tenant-owned table has FORCE ROW LEVEL SECURITY; the app
-- works as the non-owner role kopa_app with kopa.role and kopa.tenant_id set per transaction.

DO $$ BEGIN
  CREATE ROLE kopa_app NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

DO $$ BEGIN
  EXECUTE format('GRANT kopa_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL; -- already a member, or a superuser who needs no grant
END $$;

CREATE OR REPLACE FUNCTION kopa_role() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT coalesce(current_setting('kopa.role', true), '') $$;

CREATE OR REPLACE FUNCTION kopa_tenant() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('kopa.tenant_id', true), '')::uuid $$;

-- Agency staff and the system see across tenants; tenant roles only their own tenant.
CREATE OR REPLACE FUNCTION kopa_is_agency() RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT kopa_role() IN ('operator', 'desk_agent', 'finance', 'auditor', 'system')
  $$;

CREATE OR REPLACE FUNCTION kopa_can_see(tenant uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT kopa_is_agency() OR (tenant IS NOT NULL AND tenant = kopa_tenant()) $$;

CREATE TABLE calendars (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name        text NOT NULL,
  time_zone   text NOT NULL DEFAULT 'Europe/Riga',
  created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO calendars (id, name) VALUES ('lv', 'Latvija — darba dienas 08:30–17:00') ON CONFLICT DO NOTHING;

CREATE TABLE tenants (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                text NOT NULL,
  registration_number text NOT NULL UNIQUE CHECK (registration_number ~ '^[0-9]{11}$'),
  vat_number          text CHECK (vat_number ~ '^LV[0-9]{11}$'),
  address             jsonb,
  email               text,
  peppol_scheme       text NOT NULL DEFAULT '0218',
  peppol_id           text NOT NULL,
  status              text NOT NULL DEFAULT 'onboarding'
                      CHECK (status IN ('onboarding', 'active', 'suspended', 'offboarded')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agreements (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id),
  number      text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agreements_tenant ON agreements (tenant_id);

-- Every change to an agreement is a new version; the latest is in force.
CREATE TABLE agreement_versions (
  agreement_id                uuid NOT NULL REFERENCES agreements(id),
  version                     integer NOT NULL CHECK (version > 0),
  tenant_id                   uuid NOT NULL REFERENCES tenants(id),
  number                      text NOT NULL,
  signed_on                   date NOT NULL,
  effective_from              date NOT NULL,
  effective_to                date CHECK (effective_to IS NULL OR effective_to >= effective_from),
  availability_target_percent numeric(6,3) NOT NULL CHECK (availability_target_percent > 0 AND availability_target_percent <= 100),
  calendar_id                 text NOT NULL REFERENCES calendars(id),
  maintenance_notice_hours    integer NOT NULL CHECK (maintenance_notice_hours >= 0),
  desk_targets                jsonb NOT NULL,
  buyer_reference             text,
  vat_exempt                  boolean NOT NULL DEFAULT false,
  change_note                 text,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  created_by                  text,
  PRIMARY KEY (agreement_id, version)
);
CREATE INDEX agreement_versions_tenant ON agreement_versions (tenant_id);

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL UNIQUE CHECK (email = lower(email)),
  name           text NOT NULL,
  role           text NOT NULL CHECK (role IN ('operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user')),
  tenant_id      uuid REFERENCES tenants(id),
  active         boolean NOT NULL DEFAULT true,
  locale         text NOT NULL DEFAULT 'lv' CHECK (locale IN ('lv', 'en')),
  password_hash  text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz,
  CHECK ((role IN ('tenant_admin', 'tenant_user')) = (tenant_id IS NOT NULL))
);
CREATE INDEX users_tenant ON users (tenant_id);

CREATE TABLE sessions (
  token_hash    text PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tenant_id     uuid REFERENCES tenants(id),
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  client_address text,
  user_agent    text
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  prefix        text NOT NULL,
  role          text NOT NULL CHECK (role IN ('operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user')),
  tenant_id     uuid REFERENCES tenants(id),
  created_by    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  revoked_at    timestamptz,
  last_used_at  timestamptz,
  CHECK ((role IN ('tenant_admin', 'tenant_user')) = (tenant_id IS NOT NULL))
);
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id);

CREATE TABLE login_attempts (
  id            bigserial PRIMARY KEY,
  email         text NOT NULL,
  client_address text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  succeeded     boolean NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_address ON login_attempts (client_address, at);

-- Append-only and hash-chained; sequence numbers are gapless, assigned under a lock.
CREATE TABLE audit_events (
  seq            bigint PRIMARY KEY,
  id             uuid NOT NULL UNIQUE,
  at             timestamptz NOT NULL,
  actor_kind     text NOT NULL CHECK (actor_kind IN ('user', 'token', 'system')),
  actor_id       text,
  actor_label    text NOT NULL,
  tenant_id      uuid,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text,
  before         jsonb,
  after          jsonb,
  request_id     text,
  client_address text,
  prev_hash      text NOT NULL,
  hash           text NOT NULL
);
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, seq);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id);
CREATE INDEX audit_events_at ON audit_events (at);

-- The head remembers the last event, so deleting the newest events is detected too.
CREATE TABLE audit_head (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  seq        bigint NOT NULL,
  hash       text NOT NULL
);

-- Runs as the owner so a tenant-scoped transaction can chain to events it may not read.
-- The advisory lock serialises appends until commit, keeping the chain linear.
CREATE OR REPLACE FUNCTION kopa_audit_reserve(OUT next_seq bigint, OUT prev_hash text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7313001);
  SELECT h.seq + 1, h.hash INTO next_seq, prev_hash FROM audit_head h;
  IF next_seq IS NULL THEN
    next_seq := 1;
    prev_hash := repeat('0', 64);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION kopa_audit_advance(new_seq bigint, new_hash text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO audit_head (singleton, seq, hash) VALUES (true, new_seq, new_hash)
  ON CONFLICT (singleton) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash;
END $$;

CREATE OR REPLACE FUNCTION kopa_audit_head(OUT seq bigint, OUT hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT h.seq, h.hash FROM audit_head h
  $$;

-- PostgreSQL-backed job queue: each job runs once across replicas (FOR UPDATE SKIP LOCKED).
CREATE TABLE jobs (
  id           bigserial PRIMARY KEY,
  kind         text NOT NULL,
  dedupe_key   text UNIQUE,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at       timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  locked_by    text,
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX jobs_ready ON jobs (run_at) WHERE status IN ('queued', 'running');

-- Row-level security -------------------------------------------------------
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON tenants USING (kopa_can_see(id));

ALTER TABLE agreements ENABLE ROW LEVEL SECURITY;
ALTER TABLE agreements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON agreements USING (kopa_can_see(tenant_id));

ALTER TABLE agreement_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE agreement_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON agreement_versions USING (kopa_can_see(tenant_id));

-- Agency staff accounts (tenant_id NULL) are visible to agency roles only.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON users USING (kopa_can_see(tenant_id));

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON sessions USING (kopa_can_see(tenant_id));

ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON api_tokens USING (kopa_can_see(tenant_id));

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY read_visible ON audit_events FOR SELECT USING (kopa_can_see(tenant_id));
CREATE POLICY append_own ON audit_events FOR INSERT WITH CHECK (kopa_is_agency() OR tenant_id = kopa_tenant());

-- Login bookkeeping and jobs belong to no tenant; only the system context touches them.
ALTER TABLE login_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON login_attempts USING (kopa_role() = 'system');

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON jobs USING (kopa_role() = 'system');

-- Privileges of the application role --------------------------------------
GRANT USAGE ON SCHEMA public TO kopa_app;
GRANT SELECT ON calendars TO kopa_app;
GRANT INSERT, UPDATE ON calendars TO kopa_app;
GRANT SELECT, INSERT, UPDATE ON tenants, agreements, users, api_tokens, jobs TO kopa_app;
GRANT SELECT, INSERT ON agreement_versions TO kopa_app;  -- versions are never edited
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, login_attempts TO kopa_app;
GRANT DELETE ON jobs TO kopa_app;
GRANT SELECT, INSERT ON audit_events TO kopa_app;         -- append-only for the app
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kopa_app;
GRANT EXECUTE ON FUNCTION kopa_audit_reserve(), kopa_audit_advance(bigint, text), kopa_audit_head() TO kopa_app;

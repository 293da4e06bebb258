-- Sign-in with a second factor (issue 8): TOTP, passkeys and recovery codes; known browsers;
-- sessions that wait for a second factor or its enrolment; throttling that reserves its attempt
-- before the password or code is checked.

-- An attempt is written, under a per-account lock, before its check: NULL while it is being
-- checked, and counted as a failure until then, so parallel requests cannot all pass the limit.
ALTER TABLE login_attempts ALTER COLUMN succeeded DROP NOT NULL;
ALTER TABLE login_attempts ADD COLUMN kind text NOT NULL DEFAULT 'password' CHECK (kind IN ('password', 'second_factor'));
-- SHA-256 of the known-browser cookie the attempt carried, if it was valid for the account.
ALTER TABLE login_attempts ADD COLUMN device text;
CREATE INDEX login_attempts_device ON login_attempts (device, at) WHERE device IS NOT NULL;

-- Sessions get an id to be listed and ended by (the token hash never leaves the server), and a
-- stage: `full`, or a short-lived pending one that may only finish the second factor or enrol one.
ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX sessions_id ON sessions (id);
ALTER TABLE sessions ADD COLUMN stage text NOT NULL DEFAULT 'full' CHECK (stage IN ('full', 'second_factor', 'enrolment'));
-- The WebAuthn challenge of a ceremony in progress in this session (registration or sign-in).
ALTER TABLE sessions ADD COLUMN challenge text;

-- One authenticator-app secret per person, sealed with KOPA_SECRET_KEY (AES-256-GCM).
-- Unconfirmed until the person types a code from it; `last_used_step` refuses a code twice.
CREATE TABLE totp_factors (
  user_id        uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  tenant_id      uuid REFERENCES tenants(id),
  secret_sealed  text NOT NULL,
  confirmed_at   timestamptz,
  last_used_step bigint,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Ten one-time codes per person, stored as SHA-256 (they carry 50 random bits each).
CREATE TABLE recovery_codes (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tenant_id  uuid REFERENCES tenants(id),
  code_hash  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at    timestamptz,
  UNIQUE (user_id, code_hash)
);

-- WebAuthn credentials; several per person, each with a name the person chose.
CREATE TABLE passkeys (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tenant_id     uuid REFERENCES tenants(id),
  credential_id text NOT NULL UNIQUE,
  public_key    text NOT NULL,
  counter       bigint NOT NULL DEFAULT 0,
  transports    jsonb NOT NULL DEFAULT '[]'::jsonb,
  device_type   text,
  backed_up     boolean NOT NULL DEFAULT false,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- Browsers a person completed a second factor on (the kopa_device cookie, stored as SHA-256).
-- One browser may be known for several people who share it.
CREATE TABLE known_browsers (
  token_hash   text NOT NULL,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tenant_id    uuid REFERENCES tenants(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (token_hash, user_id)
);
CREATE INDEX known_browsers_user ON known_browsers (user_id);

ALTER TABLE totp_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE totp_factors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON totp_factors USING (kopa_can_see(tenant_id));

ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE recovery_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON recovery_codes USING (kopa_can_see(tenant_id));

ALTER TABLE passkeys ENABLE ROW LEVEL SECURITY;
ALTER TABLE passkeys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON passkeys USING (kopa_can_see(tenant_id));

ALTER TABLE known_browsers ENABLE ROW LEVEL SECURITY;
ALTER TABLE known_browsers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON known_browsers USING (kopa_can_see(tenant_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON totp_factors, recovery_codes, passkeys, known_browsers TO kopa_app;

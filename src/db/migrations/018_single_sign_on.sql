-- Single sign-on through OpenID Connect (issue 9): identity providers per organisation, the
-- identities people signed in with, and what a session needs to end at its provider too.

-- A provider belongs to one organisation: a municipality, or the agency (tenant_id NULL). Its
-- client secret is sealed with KOPA_SECRET_KEY (AES-256-GCM, bound to the provider's id) and never
-- leaves the server. A back-channel logout names its provider by issuer and client id, so that
-- pair is unique.
CREATE TABLE identity_providers (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid REFERENCES tenants(id),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  issuer               text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
  client_id            text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
  client_secret_sealed text NOT NULL,
  email_domains        text[] NOT NULL,
  create_people        boolean NOT NULL DEFAULT false,
  default_role         text NOT NULL CHECK (default_role IN ('operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user')),
  -- Authentication context classes that count as a second factor besides the amr values.
  mfa_acr_values       text[] NOT NULL DEFAULT '{}',
  enabled              boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, client_id),
  -- A municipality's provider never hands out an agency role.
  CHECK (tenant_id IS NULL OR default_role IN ('tenant_admin', 'tenant_user'))
);
CREATE INDEX identity_providers_tenant ON identity_providers (tenant_id);

-- Who signed in through which provider: matched once by verified e-mail, then by `sub`.
CREATE TABLE linked_identities (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id  uuid NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tenant_id    uuid REFERENCES tenants(id),
  subject      text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  email        text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider_id, subject),
  UNIQUE (provider_id, user_id)
);
CREATE INDEX linked_identities_user ON linked_identities (user_id);

-- A session opened through a provider remembers it, the provider's session id (`sid`, for
-- back-channel logout) and the ID token (the hint RP-initiated logout sends back).
ALTER TABLE sessions ADD COLUMN identity_provider_id uuid REFERENCES identity_providers(id) ON DELETE SET NULL;
ALTER TABLE sessions ADD COLUMN provider_session_id text;
ALTER TABLE sessions ADD COLUMN id_token text;

ALTER TABLE identity_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_providers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON identity_providers USING (kopa_can_see(tenant_id));

ALTER TABLE linked_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE linked_identities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON linked_identities USING (kopa_can_see(tenant_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON identity_providers, linked_identities TO kopa_app;

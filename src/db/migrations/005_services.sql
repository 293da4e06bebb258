-- Service catalogue (fields of Cabinet Regulation No. 399 plus criticality and owner) and
-- which municipality uses which service.
CREATE TABLE services (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code              text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  name_lv           text NOT NULL,
  name_en           text,
  description       text,
  holder            text,
  provider          text,
  legal_basis       jsonb NOT NULL DEFAULT '[]',
  customer_group    text,
  request_channels  jsonb NOT NULL DEFAULT '[]',
  fee               text,
  time_limit        text,
  result_delivery   text,
  critical          boolean NOT NULL DEFAULT false,
  owner             text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenant_subscriptions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id),
  service_id  uuid NOT NULL REFERENCES services(id),
  mode        text NOT NULL DEFAULT 'shared' CHECK (mode IN ('shared', 'own_instance')),
  valid_from  date NOT NULL,
  valid_to    date CHECK (valid_to IS NULL OR valid_to >= valid_from),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, service_id, valid_from)
);
CREATE INDEX tenant_subscriptions_service ON tenant_subscriptions (service_id);

ALTER TABLE tenant_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON tenant_subscriptions USING (kopa_can_see(tenant_id));

-- The catalogue is public knowledge within the platform; operators change it (checked in app/).
GRANT SELECT, INSERT, UPDATE ON services TO kopa_app;
GRANT SELECT, INSERT, UPDATE ON tenant_subscriptions TO kopa_app;

ALTER TABLE tickets ADD CONSTRAINT tickets_service_fk FOREIGN KEY (service_id) REFERENCES services(id);

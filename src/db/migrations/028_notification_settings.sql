-- Who at a municipality hears of what (issue 14, item 5): per topic, which of its people and
-- addresses get the e-mail and which Teams / Slack incoming webhooks get a message. One row per
-- municipality holding all topics; no row (or a topic missing from it) means the default: the
-- municipality's contact address and its active administrators by e-mail, no chat channels.
-- The shape is checked by the application (src/domain/notification-settings.ts), not here.
CREATE TABLE notification_settings (
  tenant_id  uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  settings   jsonb NOT NULL CHECK (jsonb_typeof(settings) = 'object'),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL CHECK (length(updated_by) BETWEEN 1 AND 300)
);

-- A municipality's settings are visible (and, for its administrators, writable) to it by the same
-- rule as its other data; the agency sees all.
ALTER TABLE notification_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON notification_settings USING (kopa_can_see(tenant_id)) WITH CHECK (kopa_can_see(tenant_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON notification_settings TO kopa_app;

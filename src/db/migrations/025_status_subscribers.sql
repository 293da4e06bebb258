-- Anyone may follow the public status page by e-mail (double opt-in). A subscriber is the agency's
-- row, no municipality's: there is no tenant column, and the policy is kopa_can_see(NULL), i.e. the
-- agency only (a tenant_id column that is always NULL would only mislead the tenant-table checks).
-- Tokens are kept only as SHA-256 hashes: the confirmation link's until it is used or expires, and one unsubscribe token per mail sent, so a
-- link that leaks from one mail proves nothing about the others.
CREATE TABLE status_subscribers (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email              text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  language           text NOT NULL DEFAULT 'lv' CHECK (language IN ('lv', 'en')),
  -- The services followed; empty follows every service on the public page.
  service_ids        jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(service_ids) = 'array'),
  confirm_token_hash text UNIQUE,
  -- When the last confirmation mail was recorded: another is not sent before a pause (no mail bombing).
  confirm_sent_at    timestamptz NOT NULL,
  confirmed_at       timestamptz,
  created_at         timestamptz NOT NULL,
  CHECK (confirmed_at IS NOT NULL OR confirm_token_hash IS NOT NULL)
);
CREATE UNIQUE INDEX status_subscribers_email ON status_subscribers (lower(email));
CREATE INDEX status_subscribers_unconfirmed ON status_subscribers (confirm_sent_at) WHERE confirmed_at IS NULL;

CREATE TABLE status_unsubscribe_tokens (
  token_hash    text PRIMARY KEY CHECK (length(token_hash) = 64),
  subscriber_id uuid NOT NULL REFERENCES status_subscribers (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL
);
CREATE INDEX status_unsubscribe_tokens_subscriber ON status_unsubscribe_tokens (subscriber_id);

ALTER TABLE status_subscribers ENABLE ROW LEVEL SECURITY;
ALTER TABLE status_subscribers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON status_subscribers USING (kopa_can_see(NULL)) WITH CHECK (kopa_can_see(NULL));
ALTER TABLE status_unsubscribe_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE status_unsubscribe_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON status_unsubscribe_tokens USING (kopa_can_see(NULL)) WITH CHECK (kopa_can_see(NULL));

GRANT SELECT, INSERT, UPDATE, DELETE ON status_subscribers, status_unsubscribe_tokens TO kopa_app;

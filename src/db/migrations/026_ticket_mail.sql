-- Ticket mail out (issue 14): people who follow a ticket, and the one-time link that asks its
-- reporter how satisfied they are once it is resolved.

-- A watcher is a person of the ticket's municipality or of the agency; the reporter needs no row.
CREATE TABLE ticket_watchers (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id   uuid NOT NULL REFERENCES tickets (id),
  tenant_id   uuid NOT NULL REFERENCES tenants (id),
  user_id     uuid NOT NULL REFERENCES users (id),
  added_by    text NOT NULL,
  created_at  timestamptz NOT NULL,
  UNIQUE (ticket_id, user_id)
);

ALTER TABLE ticket_watchers ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_watchers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON ticket_watchers USING (kopa_can_see(tenant_id)) WITH CHECK (kopa_can_see(tenant_id));
GRANT SELECT, INSERT, DELETE ON ticket_watchers TO kopa_app;

-- The satisfaction link's secret is kept only as its SHA-256; it is spent when the ticket is rated
-- (rated_at), so the link works once.
ALTER TABLE tickets ADD COLUMN satisfaction_token_hash text UNIQUE;
ALTER TABLE tickets ADD COLUMN satisfaction_asked_at timestamptz;

-- The people a ticket's mail goes to: its reporter and its watchers, with address and language.
-- A municipality's transaction may not read agency accounts (users' policy), yet a reply it writes
-- must reach the agency staff who watch the ticket, in the same transaction as the reply (ADR 0020).
-- So this runs as the owner and, only after checking that the caller sees the ticket, reads the
-- users in the system scope, which it hands back before returning. Nothing but these people of
-- this one ticket is revealed.
CREATE OR REPLACE FUNCTION kopa_ticket_people(ticket uuid)
  RETURNS TABLE (user_id uuid, email text, name text, locale text, role text, tenant_id uuid, active boolean, is_reporter boolean, is_watcher boolean)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  caller_role text := kopa_role();
  ticket_tenant uuid;
  reporter text;
BEGIN
  SELECT t.tenant_id, t.reporter_id INTO ticket_tenant, reporter FROM tickets t WHERE t.id = ticket AND kopa_can_see(t.tenant_id);
  IF ticket_tenant IS NULL THEN
    RETURN;
  END IF;
  PERFORM set_config('kopa.role', 'system', true);
  RETURN QUERY
    SELECT u.id, u.email, u.name, u.locale, u.role, u.tenant_id, u.active,
           u.id::text = reporter,
           EXISTS (SELECT 1 FROM ticket_watchers w WHERE w.ticket_id = ticket AND w.user_id = u.id)
    FROM users u
    WHERE u.id::text = reporter OR u.id IN (SELECT w.user_id FROM ticket_watchers w WHERE w.ticket_id = ticket)
    ORDER BY u.name, u.id;
  PERFORM set_config('kopa.role', caller_role, true);
END $$;
REVOKE ALL ON FUNCTION kopa_ticket_people(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kopa_ticket_people(uuid) TO kopa_app;

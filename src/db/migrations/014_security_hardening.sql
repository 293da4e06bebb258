-- Security hardening (issue 8).

-- Kopa's functions belong to the app role, not to every role of the cluster. With the
-- PostgreSQL default (EXECUTE for PUBLIC) any role could call kopa_audit_advance and make
-- every audited write fail, or read the audit head. Triggers need no EXECUTE to fire.
DO $$
DECLARE fn regprocedure;
BEGIN
  FOR fn IN
    SELECT p.oid::regprocedure FROM pg_proc p
    WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'kopa\_%'
  LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
  END LOOP;
END $$;

-- The helpers that row-level security policies call run as the querying role.
GRANT EXECUTE ON FUNCTION kopa_role(), kopa_tenant(), kopa_is_agency(), kopa_can_see(uuid), kopa_is_billing_writer() TO kopa_app;
GRANT EXECUTE ON FUNCTION kopa_audit_reserve(), kopa_audit_advance(bigint, text), kopa_audit_head() TO kopa_app;
GRANT EXECUTE ON FUNCTION kopa_ensure_probe_partition(date), kopa_drop_probe_partitions_before(date) TO kopa_app;

-- Functions that later migrations create (as this same owner) start the same way:
-- executable by the app role, not by PUBLIC.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO kopa_app;

-- Invitations: how a municipality's admin adds a person. The admin's answer is the same whether
-- or not the address already has an account elsewhere; only the address holder learns which,
-- by e-mail (docs/adr/0011-invitations-hide-accounts-of-other-municipalities.md).
CREATE TABLE user_invitations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants(id),
  email       text NOT NULL CHECK (email = lower(email)),
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('tenant_admin', 'tenant_user')),
  locale      text NOT NULL DEFAULT 'lv' CHECK (locale IN ('lv', 'en')),
  token_hash  text UNIQUE,              -- set when the e-mail is sent; the link itself is never stored
  invited_by  text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  accepted_at timestamptz,
  user_id     uuid REFERENCES users(id)
);
CREATE INDEX user_invitations_tenant ON user_invitations (tenant_id, created_at);

ALTER TABLE user_invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON user_invitations USING (kopa_can_see(tenant_id));
GRANT SELECT, INSERT, UPDATE ON user_invitations TO kopa_app;

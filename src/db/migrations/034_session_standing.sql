-- Issue 11: a request with a session cookie reads its session's standing with one statement sent
-- outside any transaction, as a Bearer token does since migration 033 (ADR 0019), so the use case's
-- transaction is the only one the request opens. The same reasons as there: row-level security is
-- forced on the owner too and an autocommitted statement has no scope, so the function runs as its
-- owner and states the system scope in its own SET clauses (undone when it returns).
--
-- It returns what deciding the session needs and what the request then carries (the person as the
-- session answers them), read now, never remembered: the session's expiry, last use and stage, the
-- person's standing (active, role, municipality) and the municipality's status, so expiry,
-- deactivation, a role change, offboarding, a second-factor stage and signing out take effect on
-- the very next request on every replica (ADR 0009). The app decides (app/identity/authenticate.ts) and
-- writes in its own short transaction when needed (deleting an ended session, the throttled
-- sliding expiry); the function only reads.
CREATE OR REPLACE FUNCTION kopa_session_standing(hash text)
  RETURNS TABLE (
    csrf_token text, expires_at timestamptz, last_seen_at timestamptz, stage text,
    user_id uuid, email text, name text, role text, tenant_id uuid, active boolean, locale text,
    created_at timestamptz, updated_at timestamptz, last_login_at timestamptz, tenant_status text
  )
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public SET kopa.role = 'system' SET kopa.tenant_id = ''
AS $$
BEGIN
  -- PL/pgSQL, not LANGUAGE sql: a SQL function with SET clauses is planned on every call, PL/pgSQL
  -- keeps the plan for the session (migration 033). Every column is qualified: the output columns
  -- are variables of the same names. Not the password hash, nor the WebAuthn challenge.
  RETURN QUERY
  SELECT s.csrf_token, s.expires_at, s.last_seen_at, s.stage,
         u.id, u.email, u.name, u.role, u.tenant_id, u.active, u.locale, u.created_at, u.updated_at, u.last_login_at,
         m.status
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    LEFT JOIN tenants m ON m.id = u.tenant_id
   WHERE s.token_hash = hash;
END
$$;

-- Execute rights follow migration 014's defaults: not PUBLIC, the app role kopa_app only. Nothing
-- is learnt from it without the cookie itself (its SHA-256 is the key).

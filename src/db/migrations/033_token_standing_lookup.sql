-- Issue 11: authorising a Bearer token is one statement sent outside any transaction, so the use
-- case's transaction is the only one a request opens (ADR 0019). Row-level security applies to the
-- owner too (FORCE), and a statement outside runScoped has no scope: the function states the system
-- scope for its own duration only (SET clauses are undone when it returns) and runs as its owner.
--
-- It returns only what deciding the token needs, read now, never remembered: the token's revocation
-- and expiry, its creator's standing (active, role, municipality) and its municipality's status, so
-- each takes effect on the very next request on every replica (ADR 0009). The app decides from
-- these (domain/token-access.ts); the function only reads.
CREATE OR REPLACE FUNCTION kopa_token_standing(hash text)
  RETURNS TABLE (
    id uuid, name text, role text, tenant_id uuid, expires_at timestamptz, revoked_at timestamptz,
    last_used_at timestamptz, created_by_user_id uuid, tenant_status text,
    creator_active boolean, creator_role text, creator_tenant_id uuid
  )
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public SET kopa.role = 'system' SET kopa.tenant_id = ''
AS $$
BEGIN
  -- PL/pgSQL keeps the query's plan for the session; a LANGUAGE sql function with SET clauses is
  -- planned anew on every call (2-3 times the database's time per lookup, measured with pgbench).
  -- Every column is qualified: the output columns are variables of the same names.
  RETURN QUERY
  SELECT t.id, t.name, t.role, t.tenant_id, t.expires_at, t.revoked_at, t.last_used_at, t.created_by_user_id,
         m.status, c.active, c.role, c.tenant_id
    FROM api_tokens t
    LEFT JOIN tenants m ON m.id = t.tenant_id
    LEFT JOIN users c ON c.id = t.created_by_user_id
   WHERE t.token_hash = hash;
END
$$;

-- Execute rights follow migration 014's defaults: not PUBLIC, the app role kopa_app only. Nothing
-- is learnt from it without the token itself (its SHA-256 is the key).

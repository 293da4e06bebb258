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

-- Single sign-on, second part (issue 9): an operator's explicit mapping of one provider claim to
-- Kopa roles, and provider sign-ins counted by the sign-in throttle.

-- Roles come from Kopa unless an operator names a claim of the provider's ID token and maps its
-- values to roles, in order: the first entry whose value the claim carries wins. Both or neither.
ALTER TABLE identity_providers ADD COLUMN role_claim text CHECK (length(role_claim) BETWEEN 1 AND 100);
ALTER TABLE identity_providers ADD COLUMN role_mapping jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(role_mapping) = 'array');
ALTER TABLE identity_providers ADD CONSTRAINT identity_providers_role_claim_mapped
  CHECK ((role_claim IS NULL) = (jsonb_array_length(role_mapping) = 0));
-- A municipality's provider never maps to an agency role (the domain rule says which field; this holds it).
ALTER TABLE identity_providers ADD CONSTRAINT identity_providers_mapping_roles CHECK (
  tenant_id IS NULL
  OR NOT jsonb_path_exists(role_mapping, '$[*] ? (@.role != "tenant_admin" && @.role != "tenant_user")')
);

-- A sign-in through a provider takes an attempt slot before its code is exchanged, like a password.
ALTER TABLE login_attempts DROP CONSTRAINT login_attempts_kind_check;
ALTER TABLE login_attempts ADD CONSTRAINT login_attempts_kind_check CHECK (kind IN ('password', 'second_factor', 'identity_provider'));

-- Tokens die with the person behind them: a token remembers which person made it, so the
-- token lookup can check that person's standing (active, role) on every use.
-- NULL: no person made it (bootstrap token, CLI, a token made by such a token).
ALTER TABLE api_tokens ADD COLUMN created_by_user_id uuid REFERENCES users(id);
CREATE INDEX api_tokens_created_by_user ON api_tokens (created_by_user_id) WHERE created_by_user_id IS NOT NULL;

-- Tokens made before this migration named their maker only by e-mail (`created_by`).
-- Row-level security applies to the owner too (FORCE), so the backfill states the system role.
SELECT set_config('kopa.role', 'system', true);
UPDATE api_tokens t SET created_by_user_id = u.id FROM users u WHERE t.created_by = u.email;
SELECT set_config('kopa.role', '', true);

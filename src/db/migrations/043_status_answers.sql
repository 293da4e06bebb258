-- Issue 11, ADR 0022 "2026-12-07: the answer kept across a restart": the status page's last answer,
-- kept by the server that computed it, so that a server starting on the same database (a restart,
-- a second replica) answers its first visitors with it while it computes its own, as its cache
-- does with the answer in hand after an expiry. One row per audience ('shared': the public page).
CREATE TABLE status_answers (
  audience      text PRIMARY KEY,
  -- The answer's own `generatedAt`: how old it is decides whether a starting server may give it.
  generated_at  timestamptz NOT NULL,
  -- A digest of the answer's schema: a release that changed it does not give an answer of the old shape.
  shape         text NOT NULL,
  -- The answer as JSON text, as it is sent (not jsonb: it is only ever read whole, and parsing it into jsonb costs every write).
  body          text NOT NULL
);

ALTER TABLE status_answers ENABLE ROW LEVEL SECURITY;
ALTER TABLE status_answers FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON status_answers USING (kopa_is_agency());
GRANT SELECT, INSERT, UPDATE, DELETE ON status_answers TO kopa_app;

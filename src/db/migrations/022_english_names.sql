-- Operator-entered names may carry an English variant (issue 12): English statements and the
-- English UI show it when set, else the Latvian text. Same length limits as the Latvian field.
ALTER TABLE billing_resources ADD COLUMN name_en text CHECK (name_en IS NULL OR length(name_en) BETWEEN 1 AND 200);
ALTER TABLE cost_pools ADD COLUMN description_en text CHECK (description_en IS NULL OR length(description_en) BETWEEN 1 AND 500);

-- A resource's names are corrected in place (its code, unit and kind stay: usage and tariffs refer to them).
CREATE POLICY billing_writers_rename ON billing_resources FOR UPDATE USING (kopa_is_billing_writer()) WITH CHECK (kopa_is_billing_writer());
GRANT UPDATE (name, name_en) ON billing_resources TO kopa_app;
GRANT UPDATE (description_en) ON cost_pools TO kopa_app;

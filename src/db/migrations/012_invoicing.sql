-- The seller on every invoice: the agency. Seeded with working defaults so a fresh instance can
-- invoice; operators and finance edit it.
CREATE TABLE seller_settings (
  id                   boolean PRIMARY KEY DEFAULT true CHECK (id),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  registration_number  text NOT NULL CHECK (registration_number ~ '^[0-9]{11}$'),
  vat_number           text CHECK (vat_number ~ '^LV[0-9]{11}$'),
  street               text NOT NULL,
  city                 text NOT NULL,
  postal_code          text NOT NULL,
  country              text NOT NULL DEFAULT 'LV' CHECK (country ~ '^[A-Z]{2}$'),
  iban                 text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  bic                  text CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  email                text,
  payment_terms_days   integer NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 1 AND 120),
  invoice_series       text NOT NULL DEFAULT 'KOPA' CHECK (invoice_series ~ '^[A-Z][A-Z0-9]{1,9}$'),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  updated_by           text NOT NULL DEFAULT 'installation'
);
INSERT INTO seller_settings (name, registration_number, vat_number, street, city, postal_code, iban, bic, email)
VALUES ('Rīgas digitālā aģentūra', '90011524360', 'LV90011524360', 'Dzirnavu iela 140', 'Rīga', 'LV-1010', 'LV80BANK0000435195001', 'HABALV22', 'rekini@rda.lv');

-- Gapless numbering: the counter row is taken with the invoice in one transaction, so a rolled
-- back invoice gives its number back.
CREATE TABLE invoice_counters (
  series  text NOT NULL,
  year    integer NOT NULL,
  last    integer NOT NULL CHECK (last >= 1),
  PRIMARY KEY (series, year)
);

CREATE TABLE invoices (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id            uuid NOT NULL REFERENCES tenants(id),
  billing_run_id       uuid,
  kind                 text NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
  series               text NOT NULL,
  year                 integer NOT NULL,
  seq                  integer NOT NULL,
  number               text NOT NULL UNIQUE,
  month                text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  issue_date           date NOT NULL,
  due_date             date NOT NULL,
  currency             text NOT NULL DEFAULT 'EUR',
  net_cents            bigint NOT NULL,
  vat_cents            bigint NOT NULL,
  total_cents          bigint NOT NULL CHECK (total_cents = net_cents + vat_cents),
  corrects_invoice_id  uuid REFERENCES invoices(id),
  document             jsonb NOT NULL,
  ubl                  text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  created_by           text NOT NULL,
  UNIQUE (series, year, seq),
  CHECK ((kind = 'credit_note') = (corrects_invoice_id IS NOT NULL))
);
CREATE INDEX invoices_tenant_month ON invoices (tenant_id, month);

-- An issued invoice never changes, whoever asks: corrections are credit notes.
CREATE OR REPLACE FUNCTION kopa_invoices_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'invoice % is issued and cannot be changed or deleted; issue a credit note', OLD.number
    USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION kopa_invoices_immutable();

ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON invoices FOR SELECT USING (kopa_can_see(tenant_id));
CREATE POLICY issue ON invoices FOR INSERT WITH CHECK (kopa_is_billing_writer());
ALTER TABLE invoice_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY billing_only ON invoice_counters USING (kopa_is_billing_writer());
ALTER TABLE seller_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE seller_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON seller_settings FOR SELECT USING (true);
CREATE POLICY billing_edits ON seller_settings FOR UPDATE USING (kopa_is_billing_writer());

GRANT SELECT, UPDATE ON seller_settings TO kopa_app;
GRANT SELECT, INSERT, UPDATE ON invoice_counters TO kopa_app;
GRANT SELECT, INSERT ON invoices TO kopa_app;

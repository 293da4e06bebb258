import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateText = ColumnType<string, string, string>;
type Cents = ColumnType<string, string | bigint, string | bigint>;

export interface SellerSettingsTable {
  id: Generated<boolean>;
  name: string;
  registration_number: string;
  vat_number: string | null;
  street: string;
  city: string;
  postal_code: string;
  country: string;
  iban: string;
  bic: string | null;
  email: string | null;
  payment_terms_days: number;
  invoice_series: string;
  updated_at: Timestamp;
  updated_by: string;
}

export interface InvoiceCountersTable {
  series: string;
  year: number;
  last: number;
}

export interface InvoicesTable {
  id: Generated<string>;
  tenant_id: string;
  billing_run_id: string | null;
  kind: string;
  series: string;
  year: number;
  seq: number;
  number: string;
  month: string;
  issue_date: DateText;
  due_date: DateText;
  currency: string;
  net_cents: Cents;
  vat_cents: Cents;
  total_cents: Cents;
  corrects_invoice_id: string | null;
  document: ColumnType<unknown, string, string>;
  ubl: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_by: string;
}

export interface InvoiceTables {
  seller_settings: SellerSettingsTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
}

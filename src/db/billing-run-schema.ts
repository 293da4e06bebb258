import type { ColumnType, Generated, RawBuilder } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Cents = ColumnType<string, string | bigint, string | bigint>;

export interface BillingRunsTable {
  id: Generated<string>;
  month: string;
  kind: string;
  status: string;
  problems: ColumnType<unknown, string, string>;
  computed_at: Timestamp;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_by: string;
  finalized_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finalized_by: string | null;
  finalization: ColumnType<string | null, never, string | RawBuilder<string>>;
}

export interface BillingStatementsTable {
  run_id: string;
  tenant_id: string;
  statement: ColumnType<unknown, string, string>;
  net_cents: Cents;
  vat_cents: Cents;
  total_cents: Cents;
  invoice_ids: ColumnType<string[], string[] | undefined, string[]>;
}

export interface BillingRunTables {
  billing_runs: BillingRunsTable;
  billing_statements: BillingStatementsTable;
}

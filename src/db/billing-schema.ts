import type { ColumnType, Generated } from 'kysely';

/** Tables of 007_billing.sql. Numerics and dates are read as text (see connect.ts). */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateText = ColumnType<string, string, string>;
type NumericText = ColumnType<string, string, string>;

export interface BillingProvidersTable {
  code: string;
  name: string;
  created_at: GeneratedTimestamp;
}

export interface BillingResourcesTable {
  code: string;
  name: string;
  unit: string;
  unit_code: string;
  kind: string;
  billable: boolean;
  created_at: GeneratedTimestamp;
}

export interface TariffsTable {
  id: Generated<string>;
  provider: string;
  resource: string;
  unit_price: NumericText;
  currency: Generated<string>;
  valid_from: DateText;
  valid_to: DateText | null;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface UsageRecordsTable {
  id: string;
  tenant_id: string;
  provider: string;
  resource: string;
  quantity: NumericText;
  period_start: Timestamp;
  period_end: Timestamp;
  batch_id: string;
  received_at: Timestamp;
  seq: ColumnType<string, never, never>;
}

export interface CostPoolsTable {
  id: Generated<string>;
  month: string;
  amount: NumericText;
  currency: Generated<string>;
  description: string;
  driver: Generated<string>;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface BillingTables {
  billing_providers: BillingProvidersTable;
  billing_resources: BillingResourcesTable;
  tariffs: TariffsTable;
  usage_records: UsageRecordsTable;
  cost_pools: CostPoolsTable;
}

import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TotpFactorsTable {
  user_id: string;
  tenant_id: string | null;
  secret_sealed: string;
  confirmed_at: Timestamp | null;
  /** bigint, read as text */
  last_used_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  created_at: GeneratedTimestamp;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  tenant_id: string | null;
  code_hash: string;
  created_at: GeneratedTimestamp;
  used_at: Timestamp | null;
}

export interface PasskeysTable {
  id: Generated<string>;
  user_id: string;
  tenant_id: string | null;
  credential_id: string;
  public_key: string;
  counter: ColumnType<string, string | number | undefined, string | number>;
  transports: ColumnType<unknown, string | undefined, string>;
  device_type: string | null;
  backed_up: Generated<boolean>;
  name: string;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
}

export interface KnownBrowsersTable {
  token_hash: string;
  user_id: string;
  tenant_id: string | null;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp;
  expires_at: Timestamp;
}

export interface SecondFactorTables {
  totp_factors: TotpFactorsTable;
  recovery_codes: RecoveryCodesTable;
  passkeys: PasskeysTable;
  known_browsers: KnownBrowsersTable;
}

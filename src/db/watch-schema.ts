import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface MonitorPushTokensTable {
  monitor_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_by: string;
}

export interface MonitorOutagesTable {
  id: Generated<string>;
  monitor_id: string;
  started_at: Timestamp;
  confirmed_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ticket_ids: ColumnType<string[], string[] | undefined, string[]>;
}

export interface WatchTables {
  monitor_push_tokens: MonitorPushTokensTable;
  monitor_outages: MonitorOutagesTable;
}

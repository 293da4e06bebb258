import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface MonitorSegmentsTable {
  monitor_id: string;
  location: string;
  start_at: Timestamp;
  end_at: Timestamp;
  state: string;
}

export interface MonitorRollupsTable {
  monitor_id: string;
  location: string;
  rolled_to: Timestamp;
  updated_at: Timestamp;
}

export interface AvailabilityTables {
  monitor_segments: MonitorSegmentsTable;
  monitor_rollups: MonitorRollupsTable;
}

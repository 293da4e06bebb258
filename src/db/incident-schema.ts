import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface IncidentsTable {
  id: Generated<string>;
  title: string;
  impact: string;
  status: string;
  started_at: Timestamp;
  resolved_at: NullableTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  created_by: string;
}

export interface IncidentServicesTable {
  incident_id: string;
  service_id: string;
}

export interface IncidentUpdatesTable {
  id: Generated<string>;
  incident_id: string;
  status: string;
  message: string;
  at: Timestamp;
  author: string;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_services: IncidentServicesTable;
  incident_updates: IncidentUpdatesTable;
}

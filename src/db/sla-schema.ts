import type { ColumnType, Generated } from 'kysely';

export interface SlaReportPublicationsTable {
  id: Generated<string>;
  tenant_id: string;
  month: string;
  version: number;
  report: ColumnType<unknown, string, string>;
  changes: ColumnType<unknown, string | undefined, string>;
  reason: string | null;
  published_at: ColumnType<Date, Date | string, Date | string>;
  published_by: string;
}

export interface SlaTables {
  sla_report_publications: SlaReportPublicationsTable;
}

import type { Selectable } from 'kysely';
import type { SlaChange, SlaPublication, SlaPublicationStore } from '../../app/availability/sla-ports.js';
import type { SlaReportPublicationsTable } from '../sla-schema.js';
import { trxOf } from '../tx.js';

const toPublication = (r: Selectable<SlaReportPublicationsTable>): SlaPublication => ({
  id: r.id,
  tenantId: r.tenant_id,
  month: r.month,
  version: r.version,
  report: r.report,
  changes: r.changes as SlaChange[],
  reason: r.reason,
  publishedAt: r.published_at.toISOString(),
  publishedBy: r.published_by,
});

export const slaPublicationRepository: SlaPublicationStore = {
  async latest(tx, tenantId, month) {
    const row = await trxOf(tx).selectFrom('sla_report_publications').selectAll().where('tenant_id', '=', tenantId).where('month', '=', month).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? toPublication(row) : null;
  },
  async versions(tx, tenantId, month) {
    const rows = await trxOf(tx).selectFrom('sla_report_publications').selectAll().where('tenant_id', '=', tenantId).where('month', '=', month).orderBy('version').execute();
    return rows.map(toPublication);
  },
  async insert(tx, p) {
    const row = await trxOf(tx)
      .insertInto('sla_report_publications')
      .values({ tenant_id: p.tenantId, month: p.month, version: p.version, report: JSON.stringify(p.report), changes: JSON.stringify(p.changes), reason: p.reason, published_at: p.publishedAt, published_by: p.publishedBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPublication(row);
  },
  async publishedTenants(tx, month) {
    const rows = await trxOf(tx).selectFrom('sla_report_publications').select('tenant_id').distinct().where('month', '=', month).execute();
    return rows.map((r) => r.tenant_id);
  },
  async publishedMonths(tx) {
    const rows = await trxOf(tx).selectFrom('sla_report_publications').select(['tenant_id', 'month']).distinct().execute();
    return rows.map((r) => ({ tenantId: r.tenant_id, month: r.month }));
  },
};

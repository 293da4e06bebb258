import type { TenantRecordStore } from '../../app/export/ports.js';
import type { SlaChange } from '../../app/availability/sla-ports.js';
import { trxOf } from '../tx.js';

export const tenantRecordRepository: TenantRecordStore = {
  async slaPublications(tx, tenantId) {
    const rows = await trxOf(tx).selectFrom('sla_report_publications').selectAll().where('tenant_id', '=', tenantId).orderBy('month').orderBy('version').execute();
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      month: r.month,
      version: r.version,
      report: r.report,
      changes: r.changes as SlaChange[],
      reason: r.reason,
      publishedAt: r.published_at.toISOString(),
      publishedBy: r.published_by,
    }));
  },
  async usage(tx, tenantId, afterSeq, limit) {
    let q = trxOf(tx).selectFrom('usage_records').selectAll().where('tenant_id', '=', tenantId).orderBy('seq').limit(limit);
    if (afterSeq !== null) q = q.where('seq', '>', afterSeq as never);
    const rows = await q.execute();
    return rows.map((r) => ({
      seq: String(r.seq),
      record: {
        id: r.id,
        tenantId: r.tenant_id,
        provider: r.provider,
        resource: r.resource,
        quantity: String(r.quantity),
        periodStart: r.period_start.toISOString(),
        periodEnd: r.period_end.toISOString(),
        batchId: r.batch_id,
        receivedAt: r.received_at.toISOString(),
      },
    }));
  },
};

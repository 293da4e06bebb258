import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../domain/errors.js';
import type { Tenant } from '../../domain/tenant.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { worthCompressing, zipStream, type ArchiveEntry } from '../documents/zip-archive.js';
import type { ExportDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { tenantRecordFiles, type ExportCounts, type ExportFile } from './tenant-record-files.js';

export const EXPORT_FORMAT = 'kopa-municipality-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface TenantExport {
  fileName: string;
  stream: Readable;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  exportedAt: string;
  exportedBy: string;
  tenant: Pick<Tenant, 'id' | 'name' | 'registrationNumber' | 'status'>;
  counts: ExportCounts;
  /** Every other file in the archive with its size and SHA-256, so a copy can be checked years later. */
  files: { path: string; bytes: number; sha256: string }[];
}

/**
 * Everything a municipality leaves behind — its agreements, tickets with attachments, published
 * availability reports, invoices (UBL and PDF), usage, people and the audit events about it —
 * as one ZIP with a manifest last. For offboarding and records retention: nothing is deleted.
 * Permission, existence and the audit event are settled before the first byte is sent, so
 * a refusal is a proper problem, not a broken download.
 */
export async function exportTenant(deps: ExportDeps, actor: Actor, tenantId: string): Promise<TenantExport> {
  requirePermission(actor, 'tenants.export');
  const exportedAt = deps.clock.now();
  const tenant = await deps.store.run(scopeOf(actor), async (tx) => {
    const found = await deps.store.tenants.get(tx, tenantId);
    if (!found) throw notFound('Municipality');
    await recordAudit(deps, tx, actor, { action: 'tenant.exported', entityType: 'tenant', entityId: tenantId, tenantId, after: { status: found.status, exportedAt: exportedAt.toISOString() } });
    return found;
  });
  const day = exportedAt.toISOString().slice(0, 10).replace(/-/g, '');
  return {
    fileName: `kopa-${tenant.registrationNumber}-${day}.zip`,
    stream: zipStream(withManifest(tenantRecordFiles(deps, actor, tenant), actor, tenant, exportedAt), exportedAt),
  };
}

async function* withManifest(files: AsyncGenerator<ExportFile, ExportCounts>, actor: Actor, tenant: Tenant, exportedAt: Date): AsyncGenerator<ArchiveEntry> {
  const listed: ExportManifest['files'] = [];
  let next = await files.next();
  while (!next.done) {
    const { path, content } = next.value;
    listed.push({ path, bytes: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') });
    yield { path, content, compress: worthCompressing(path) };
    next = await files.next();
  }
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    exportedBy: actor.label,
    tenant: { id: tenant.id, name: tenant.name, registrationNumber: tenant.registrationNumber, status: tenant.status },
    counts: next.value,
    files: listed,
  };
  yield { path: 'manifest.json', content: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), compress: true };
}

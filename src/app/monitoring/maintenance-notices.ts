import { localDateOf } from '../../domain/calendar/local-time.js';
import { ICS_ZONE, maintenanceIcs } from '../../domain/monitoring/maintenance-ics.js';
import { maintenanceNotice, type MaintenanceNoticeKind } from '../../domain/monitoring/maintenance-notice.js';
import { localName, type Language } from '../../domain/locale.js';
import { statusPageLabel } from '../../domain/status/status-page-label.js';
import { recordMunicipalityNotice } from '../notices/recipients.js';
import type { Tx } from '../shared/transaction.js';
import type { MaintenanceWindowRecord, MonitoringDeps } from './ports.js';

/**
 * The municipalities to tell about windows: those subscribed, at some time of a window, to one of
 * its services (a subscription's dates read in Riga, the windows' zone).
 */
async function affectedTenants(deps: MonitoringDeps, tx: Tx, windows: readonly Pick<MaintenanceWindowRecord, 'startsAt' | 'endsAt' | 'serviceIds'>[]): Promise<string[]> {
  const subscriptions = await deps.store.subscriptions.list(tx, null);
  const tenants = new Set<string>();
  for (const w of windows) {
    const from = localDateOf(ICS_ZONE, Date.parse(w.startsAt));
    const to = localDateOf(ICS_ZONE, Date.parse(w.endsAt));
    for (const s of subscriptions) if (w.serviceIds.includes(s.serviceId) && s.from <= to && (s.to === null || s.to >= from)) tenants.add(s.tenantId);
  }
  return [...tenants].sort();
}

/**
 * Records, in the caller's transaction (ADR 0020), one e-mail per recipient of every affected
 * municipality, in the recipient's language, with the windows as an `.ics` (a cancellation's as
 * METHOD:CANCEL; the completed notice has none). `eventKey` names the occurrence: recording it
 * again records nothing new; `before` (a change) also tells those the old window concerned.
 * Returns how many notices were new (none when the same occurrence was recorded before).
 */
export async function recordMaintenanceNotices(
  deps: MonitoringDeps,
  tx: Tx,
  kind: MaintenanceNoticeKind,
  windows: readonly MaintenanceWindowRecord[],
  eventKey: string,
  at: Date,
  extra: { reason?: string | null; before?: MaintenanceWindowRecord | readonly MaintenanceWindowRecord[] } = {},
): Promise<number> {
  if (!deps.notifications || windows.length === 0) return 0;
  // A change also reaches those who heard of the window as it was (other services, other days).
  const tenantIds = await affectedTenants(deps, tx, windows.concat(extra.before ?? []));
  if (tenantIds.length === 0) return 0;
  const services = new Map<string, { lv: string; en: string | null }>();
  for (const id of new Set(windows.flatMap((w) => w.serviceIds))) {
    const service = await deps.store.services.get(tx, id);
    if (service) services.set(id, service.name);
  }
  const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const events = windows.map((w) => ({ id: w.id, sequence: w.sequence, title: w.title, description: w.description, startMs: Date.parse(w.startsAt), endMs: Date.parse(w.endsAt) }));
  const ics = kind === 'completed' ? null : maintenanceIcs(method, events, at.getTime(), deps.notifications.deskAddress ?? null);
  const link = deps.notifications.publicUrl ? `${deps.notifications.publicUrl}/status` : null;
  const attachments = ics ? [{ filename: kind === 'cancelled' ? 'apkope-atcelta.ics' : 'apkope.ics', contentType: `text/calendar; method=${method}; charset=utf-8`, content: ics }] : undefined;
  const words = (language: Language) => {
    const notice = maintenanceNotice(
      kind,
      language,
      windows.map((w, i) => ({ title: w.title, description: w.description, startMs: events[i]!.startMs, endMs: events[i]!.endMs, serviceNames: w.serviceIds.map((id) => (services.has(id) ? localName(services.get(id)!, language) : id)) })),
      { reason: extra.reason ?? null },
    );
    return { subject: notice.subject, lines: notice.text.split('\n'), linkLabel: statusPageLabel(language), attachments };
  };
  let recorded = 0;
  for (const tenantId of tenantIds) {
    recorded += (await recordMunicipalityNotice(deps, tx, { tenantId, topic: 'maintenance', eventKey, event: `maintenance.${kind}`, link, words }, at)).recorded;
  }
  // The windows are announced when one of these notices is delivered (maintenance-announcement.ts);
  // with none recorded there is nobody to tell and nothing announces them.
  if (recorded > 0 && (kind === 'announced' || kind === 'changed')) await deps.store.maintenance.linkAnnouncement(tx, windows.map((w) => w.id), eventKey);
  return recorded;
}

import { PRIORITIES, type Priority } from '../agreement.js';
import type { ClockState } from './sla.js';
import { TICKET_CATEGORIES, TICKET_CHANNELS, type Ticket, type TicketCategory, type TicketChannel } from './ticket.js';

export interface MeasuredTicket {
  ticket: Ticket;
  reaction: ClockState;
  resolution: ClockState;
}

export interface DeskReport {
  tickets: number;
  byPriority: Record<Priority, number>;
  byCategory: Record<TicketCategory, number>;
  reaction: TargetShare & { medianMinutes: number | null; p90Minutes: number | null };
  resolution: TargetShare;
  breaches: { ticketId: string; number: string; priority: Priority; clock: 'reaction' | 'resolution'; targetMinutes: number; elapsedMinutes: number; dueAt: string }[];
  satisfaction: { ratings: number; average: number | null };
  byServiceChannel: ChannelTable;
}

/** A service named in the table; a ticket without a service counts in the row with `service: null`. */
export interface ReportService {
  id: string;
  code: string;
  name: { lv: string; en: string | null };
}

export type ChannelCounts = Record<TicketChannel, number> & { total: number };

/**
 * Cabinet Regulation No. 399 figures: requests per service per channel in the month, with totals.
 * Rows by service code, the tickets without a service last; a service with no request has no row.
 */
export interface ChannelTable {
  rows: (ChannelCounts & { service: ReportService | null })[];
  totals: ChannelCounts;
}

const noCounts = (): ChannelCounts => ({ ...(Object.fromEntries(TICKET_CHANNELS.map((c) => [c, 0])) as Record<TicketChannel, number>), total: 0 });

export function channelTable(tickets: Pick<Ticket, 'serviceId' | 'channel'>[], services: ReportService[]): ChannelTable {
  const byId = new Map(services.map((s) => [s.id, s]));
  const rows = new Map<string | null, ChannelCounts>();
  const totals = noCounts();
  for (const t of tickets) {
    // A ticket naming a service no longer in the catalogue counts with those naming none.
    const key = t.serviceId !== null && byId.has(t.serviceId) ? t.serviceId : null;
    const row = rows.get(key) ?? noCounts();
    rows.set(key, row);
    row[t.channel]++;
    row.total++;
    totals[t.channel]++;
    totals.total++;
  }
  const ordered = [...rows.entries()]
    .map(([id, counts]) => ({ service: id === null ? null : byId.get(id)!, ...counts }))
    .sort((a, b) => (a.service === null ? 1 : b.service === null ? -1 : a.service.code.localeCompare(b.service.code)));
  return { rows: ordered, totals };
}

/** Of the tickets whose clock has an outcome (met, or breached while open): how many met the target. */
export interface TargetShare {
  measured: number;
  met: number;
  metPercent: number | null;
}

function share(clocks: ClockState[]): TargetShare {
  const measured = clocks.filter((c) => c.metAt !== null || c.breached);
  const met = measured.filter((c) => c.metAt !== null && !c.breached).length;
  return { measured: measured.length, met, metPercent: measured.length ? Math.round((met / measured.length) * 1000) / 10 : null };
}

/** Median (mean of the middle two for an even count) and the 90th percentile by nearest rank. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentileNearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}

export function buildDeskReport(measured: MeasuredTicket[], services: ReportService[] = []): DeskReport {
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  const byCategory = Object.fromEntries(TICKET_CATEGORIES.map((c) => [c, 0])) as Record<TicketCategory, number>;
  for (const m of measured) {
    byPriority[m.ticket.priority]++;
    byCategory[m.ticket.category]++;
  }
  const reactionMinutes = measured.filter((m) => m.reaction.metAt !== null).map((m) => Math.round(m.reaction.elapsedMinutes * 10) / 10);
  const breaches = measured.flatMap((m) =>
    (['reaction', 'resolution'] as const)
      .filter((clock) => m[clock].breached)
      .map((clock) => ({
        ticketId: m.ticket.id,
        number: m.ticket.number,
        priority: m.ticket.priority,
        clock,
        targetMinutes: m[clock].targetMinutes,
        elapsedMinutes: Math.round(m[clock].elapsedMinutes),
        dueAt: new Date(m[clock].dueAt).toISOString(),
      })),
  );
  const ratings = measured.map((m) => m.ticket.satisfactionRating).filter((r): r is number => r !== null);
  return {
    tickets: measured.length,
    byPriority,
    byCategory,
    reaction: { ...share(measured.map((m) => m.reaction)), medianMinutes: median(reactionMinutes), p90Minutes: percentileNearestRank(reactionMinutes, 90) },
    resolution: share(measured.map((m) => m.resolution)),
    breaches,
    satisfaction: { ratings: ratings.length, average: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null },
    byServiceChannel: channelTable(measured.map((m) => m.ticket), services),
  };
}

export function deskReportCsv(tenantName: string, month: string, measured: MeasuredTicket[], services: ReportService[] = []): string {
  const header = ['number', 'created_at', 'priority', 'category', 'channel', 'status', 'reaction_target_min', 'reaction_min', 'reaction_met', 'resolution_target_min', 'resolution_min', 'resolution_met', 'satisfaction'];
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const outcome = (c: ClockState) => (c.breached ? 'no' : c.metAt !== null ? 'yes' : 'open');
  const rows = measured.map((m) => [
    m.ticket.number, m.ticket.createdAt, m.ticket.priority, m.ticket.category, m.ticket.channel, m.ticket.status,
    m.reaction.targetMinutes, Math.round(m.reaction.elapsedMinutes), outcome(m.reaction),
    m.resolution.targetMinutes, Math.round(m.resolution.elapsedMinutes), outcome(m.resolution),
    m.ticket.satisfactionRating,
  ]);
  // The Regulation No. 399 table follows the tickets, after its own comment line.
  const table = channelTable(measured.map((m) => m.ticket), services);
  const channelRows = [
    ['service_code', 'service', ...TICKET_CHANNELS, 'total'],
    ...table.rows.map((r) => [r.service?.code ?? '', r.service?.name.lv ?? '', ...TICKET_CHANNELS.map((c) => r[c]), r.total]),
    ['', 'total', ...TICKET_CHANNELS.map((c) => table.totals[c]), table.totals.total],
  ];
  return [`# ${tenantName} ${month}`, header, ...rows, '# requests per service and channel (Cabinet Regulation No. 399)', ...channelRows].map((r) => (Array.isArray(r) ? r.map(cell).join(',') : r)).join('\r\n') + '\r\n';
}

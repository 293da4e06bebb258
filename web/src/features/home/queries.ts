import { useQuery } from '@tanstack/react-query';
import { body, client, PAGE_LIMIT, type ResponseOf } from '../../api/client';
import { refreshEvery, useQueryResource } from '../../api/resource';
import type { Ticket } from '../tickets/queries';

/** What the home pages read: existing lists, each asked for only what a card shows. */
export type MonitorRow = ResponseOf<'/api/v1/monitors', 'get'>['items'][number];
export type OutboxRow = ResponseOf<'/api/v1/outbox', 'get'>['items'][number];
export type BillingRunRow = ResponseOf<'/api/v1/billing-runs', 'get'>['items'][number];
export type AuditRow = ResponseOf<'/api/v1/audit-events', 'get'>['items'][number];
export type InvoiceRow = ResponseOf<'/api/v1/tenants/{id}/invoices', 'get'>['items'][number];

/** Monitors not known to work (down first, then unknown), the paused left out. */
export function useTroubledMonitors() {
  const key = ['home', 'monitors'];
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const page = await body(client.GET('/api/v1/monitors', { params: { query: { sort: 'state', limit: PAGE_LIMIT } }, signal }));
      return page.items.filter((m) => m.active && m.health.state !== 'up').sort((a, b) => (a.health.state === b.health.state ? 0 : a.health.state === 'down' ? -1 : 1));
    },
    ...refreshEvery(),
  });
  return useQueryResource(query, key);
}

/** Mail and messages the outbox gave up on. */
export function useFailedOutbox() {
  const key = ['home', 'outbox'];
  const query = useQuery({ queryKey: key, queryFn: async ({ signal }) => (await body(client.GET('/api/v1/outbox', { params: { query: { status: 'failed', limit: 10 } }, signal }))).items });
  return useQueryResource(query, key);
}

/** The earliest deadline of a ticket's running clocks, and whether one is already missed. */
export function deadlineOf(ticket: Ticket): { dueAt: string | null; breached: boolean } {
  const clocks = [ticket.sla.reaction, ticket.sla.resolution].filter((c) => c.running);
  const breached = clocks.some((c) => c.breached) || ticket.sla.resolution.breached;
  const due = clocks.map((c) => c.dueAt).sort()[0] ?? null;
  return { dueAt: due, breached };
}

/**
 * Open tickets, missed deadlines first, then the nearest deadline. The list API orders by the
 * resolution deadline (`sort=deadline`), so the first page holds the most urgent however many are
 * open; the page is ordered again here by the earlier of the running clocks (reaction included).
 */
export function useOpenTickets(tenantId?: string) {
  const key = ['home', 'tickets', tenantId ?? 'all'];
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const page = await body(client.GET('/api/v1/tickets', { params: { query: { status: 'open', sort: 'deadline', limit: PAGE_LIMIT, ...(tenantId && { tenantId }) } }, signal }));
      const rank = (t: Ticket) => {
        const d = deadlineOf(t);
        return `${d.breached ? 0 : d.dueAt ? 1 : 2}${d.dueAt ?? ''}`;
      };
      return { items: [...page.items].sort((a, b) => rank(a).localeCompare(rank(b))), more: page.nextCursor !== null };
    },
    ...refreshEvery(),
  });
  return useQueryResource(query, key);
}

export function useRecentBillingRuns() {
  const key = ['home', 'billing-runs'];
  const query = useQuery({ queryKey: key, queryFn: async ({ signal }) => (await body(client.GET('/api/v1/billing-runs', { params: { query: { limit: 12 } }, signal }))).items });
  return useQueryResource(query, key);
}

export function useRecentAudit() {
  const key = ['home', 'audit'];
  const query = useQuery({ queryKey: key, queryFn: async ({ signal }) => (await body(client.GET('/api/v1/audit-events', { params: { query: { limit: 8 } }, signal }))).items });
  return useQueryResource(query, key);
}

/** The hash chain checked on opening (it only reads). */
export function useChainCheck() {
  const key = ['home', 'audit-chain'];
  const query = useQuery({ queryKey: key, queryFn: () => body(client.POST('/api/v1/audit-events/verify')) });
  return useQueryResource(query, key);
}

export function useLatestInvoice(tenantId: string) {
  const key = ['home', 'invoice', tenantId];
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => (await body(client.GET('/api/v1/tenants/{id}/invoices', { params: { path: { id: tenantId }, query: { limit: 1 } }, signal }))).items[0] ?? null,
  });
  return useQueryResource(query, key);
}

export type PendingSlaReport = ResponseOf<'/api/v1/sla-publications/pending', 'get'>['items'][number];

/** Municipality-months that have ended with no published availability report, newest first. */
export function usePendingSlaReports() {
  const key = ['home', 'sla-pending'];
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const page = await body(client.GET('/api/v1/sla-publications/pending', { params: { query: { limit: 200 } }, signal }));
      return { items: page.items, more: page.nextCursor !== null };
    },
  });
  return useQueryResource(query, key);
}

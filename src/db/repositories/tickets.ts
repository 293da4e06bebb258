import { sql, type Selectable } from 'kysely';
import type { Store } from '../../app/ports.js';
import type { Priority } from '../../domain/agreement.js';
import type { Ticket, TicketCategory, TicketChannel, TicketEvent, TicketEventKind, TicketStatus } from '../../domain/desk/ticket.js';
import type { AttachmentMeta } from '../../app/desk/ports.js';
import type { TicketAttachmentsTable, TicketEventsTable, TicketsTable } from '../schema.js';
import { trxOf } from '../tx.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toTicket(r: Selectable<TicketsTable>): Ticket {
  return {
    id: r.id,
    number: String(r.number),
    tenantId: r.tenant_id,
    agreementId: r.agreement_id,
    calendarId: r.calendar_id,
    serviceId: r.service_id,
    priority: r.priority as Priority,
    category: r.category as TicketCategory,
    channel: r.channel as TicketChannel,
    subject: r.subject,
    description: r.description,
    status: r.status as TicketStatus,
    reporterId: r.reporter_id,
    reporterLabel: r.reporter_label,
    assigneeId: r.assignee_id,
    reactionTargetMinutes: r.reaction_target_minutes,
    resolutionTargetMinutes: r.resolution_target_minutes,
    reactionDueAt: iso(r.reaction_due_at),
    resolutionDueAt: iso(r.resolution_due_at),
    firstResponseAt: iso(r.first_response_at),
    resolvedAt: iso(r.resolved_at),
    reactionWarnedAt: iso(r.reaction_warned_at),
    reactionBreachedAt: iso(r.reaction_breached_at),
    resolutionWarnedAt: iso(r.resolution_warned_at),
    resolutionBreachedAt: iso(r.resolution_breached_at),
    satisfactionRating: r.satisfaction_rating,
    satisfactionComment: r.satisfaction_comment,
    ratedAt: iso(r.rated_at),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function toEvent(r: Selectable<TicketEventsTable>): TicketEvent {
  return {
    id: String(r.id),
    ticketId: r.ticket_id,
    at: r.at.toISOString(),
    kind: r.kind as TicketEventKind,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    byStaff: r.by_staff,
    public: r.public,
    fromStatus: r.from_status as TicketStatus | null,
    toStatus: r.to_status as TicketStatus | null,
    body: r.body,
    data: r.data ?? null,
  };
}

function toMeta(r: Omit<Selectable<TicketAttachmentsTable>, 'content' | 'tenant_id'>): AttachmentMeta {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    byStaff: r.by_staff,
    createdAt: r.created_at.toISOString(),
  };
}

const META_COLUMNS = ['id', 'ticket_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_by', 'by_staff', 'created_at'] as const;

export const ticketRepository: Store['tickets'] = {
  async insert(tx, t) {
    const row = await trxOf(tx)
      .insertInto('tickets')
      .values({
        tenant_id: t.tenantId,
        agreement_id: t.agreementId,
        calendar_id: t.calendarId,
        service_id: t.serviceId,
        priority: t.priority,
        category: t.category,
        channel: t.channel,
        subject: t.subject,
        description: t.description,
        reporter_id: t.reporterId,
        reporter_label: t.reporterLabel,
        reaction_target_minutes: t.reactionTargetMinutes,
        resolution_target_minutes: t.resolutionTargetMinutes,
        created_at: t.createdAt,
        updated_at: t.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTicket(row);
  },
  async get(tx, tenantId, ticketId) {
    let q = trxOf(tx).selectFrom('tickets').selectAll().where('id', '=', ticketId);
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    const row = await q.executeTakeFirst();
    return row ? toTicket(row) : null;
  },
  async byNumber(tx, tenantId, ticketNumber) {
    let q = trxOf(tx).selectFrom('tickets').selectAll().where('number', '=', ticketNumber as never);
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    const row = await q.executeTakeFirst();
    return row ? toTicket(row) : null;
  },
  async list(tx, tenantId, f) {
    const sort = f.sort ?? 'newest';
    let q = trxOf(tx).selectFrom('tickets').selectAll().limit(f.limit);
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
    if (f.priority) q = q.where('priority', '=', f.priority);
    if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
    if (f.channel) q = q.where('channel', '=', f.channel);
    if (f.search) {
      const text = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const number = /^[0-9]{1,15}$/.test(f.search) ? Number(f.search) : null;
      q = q.where((eb) => eb.or([eb('subject', 'ilike', text), eb('description', 'ilike', text), ...(number === null ? [] : [eb('number', '=', number as never)])]));
    }
    // Each order, and the page boundary after the key `f.after` (ticketSortKey) in it.
    const after = f.after;
    switch (sort) {
      case 'newest':
      case 'oldest': {
        const direction = sort === 'newest' ? 'desc' : 'asc';
        q = q.orderBy('number', direction);
        if (after) q = q.where('number', direction === 'desc' ? '<' : '>', Number(after[0]) as never);
        break;
      }
      case 'updated':
        q = q.orderBy('updated_at', 'desc').orderBy('number', 'desc');
        if (after) q = q.where(sql<boolean>`(updated_at, number) < (${String(after[0])}::timestamptz, ${Number(after[1])})`);
        break;
      case 'deadline': {
        const due = sql`COALESCE(resolution_due_at, 'infinity'::timestamptz)`;
        q = q.orderBy(due, 'asc').orderBy('number', 'asc');
        if (after) q = q.where(sql<boolean>`(${due}, number) > (${String(after[0])}::timestamptz, ${Number(after[1])})`);
        break;
      }
      case 'priority':
        // P1 < P2 < P3 < P4 as text; newest first within a priority.
        q = q.orderBy('priority', 'asc').orderBy('number', 'desc');
        if (after) q = q.where(sql<boolean>`(priority > ${String(after[0])} OR (priority = ${String(after[0])} AND number < ${Number(after[1])}))`);
        break;
    }
    return (await q.execute()).map(toTicket);
  },
  async update(tx, tenantId, ticketId, c, at) {
    const row = await trxOf(tx)
      .updateTable('tickets')
      .set({
        ...(c.status !== undefined && { status: c.status }),
        ...(c.assigneeId !== undefined && { assignee_id: c.assigneeId }),
        ...(c.reactionDueAt !== undefined && { reaction_due_at: c.reactionDueAt }),
        ...(c.resolutionDueAt !== undefined && { resolution_due_at: c.resolutionDueAt }),
        ...(c.firstResponseAt !== undefined && { first_response_at: c.firstResponseAt }),
        ...(c.resolvedAt !== undefined && { resolved_at: c.resolvedAt }),
        ...(c.satisfactionRating !== undefined && { satisfaction_rating: c.satisfactionRating }),
        ...(c.satisfactionComment !== undefined && { satisfaction_comment: c.satisfactionComment }),
        ...(c.ratedAt !== undefined && { rated_at: c.ratedAt }),
        updated_at: at,
      })
      .where('id', '=', ticketId)
      .where('tenant_id', '=', tenantId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTicket(row);
  },
  async events(tx, ticketId) {
    const rows = await trxOf(tx).selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute();
    return rows.map(toEvent);
  },
  async statusEvents(tx, ticketId) {
    const rows = await trxOf(tx).selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).where('kind', '=', 'status').orderBy('at').orderBy('id').execute();
    return rows.map(toEvent);
  },
  async statusEventsOf(tx, ticketIds) {
    const byTicket = new Map<string, TicketEvent[]>(ticketIds.map((id) => [id, []]));
    if (ticketIds.length === 0) return byTicket;
    // One statement for any number of tickets (the index on (ticket_id, at, id) WHERE kind = 'status' serves it).
    const rows = await trxOf(tx).selectFrom('ticket_events').selectAll().where('ticket_id', 'in', [...byTicket.keys()]).where('kind', '=', 'status').orderBy('ticket_id').orderBy('at').orderBy('id').execute();
    for (const row of rows) byTicket.get(row.ticket_id)?.push(toEvent(row));
    return byTicket;
  },
  async timeline(tx, ticketId, before, limit) {
    let q = trxOf(tx).selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit);
    if (before !== null) q = q.where(sql<boolean>`(at, id) < (${new Date(before.at)}, ${before.id})`);
    return (await q.execute()).map(toEvent);
  },
  async lockForWrite(tx, ticketId) {
    await trxOf(tx).selectFrom('tickets').select('id').where('id', '=', ticketId).forUpdate().execute();
  },
  async recentComments(tx, ticketId, actorId, since) {
    const row = await trxOf(tx)
      .selectFrom('ticket_events')
      .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('at').as('oldest')])
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'comment')
      .where('actor_id', '=', actorId)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldest: row.oldest === null ? null : new Date(row.oldest as Date) };
  },
  async addEvent(tx, tenantId, e) {
    const row = await trxOf(tx)
      .insertInto('ticket_events')
      .values({
        ticket_id: e.ticketId,
        tenant_id: tenantId,
        at: e.at,
        kind: e.kind,
        actor_id: e.actorId,
        actor_label: e.actorLabel,
        by_staff: e.byStaff,
        public: e.public,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        body: e.body,
        data: e.data === null || e.data === undefined ? null : JSON.stringify(e.data),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEvent(row);
  },
  async open(tx) {
    const rows = await trxOf(tx).selectFrom('tickets').selectAll().where('status', 'not in', ['resolved', 'closed']).execute();
    return rows.map(toTicket);
  },
  async escalationDue(tx, now, everyOpenTicket) {
    const rows = await trxOf(tx)
      .selectFrom('tickets')
      .selectAll()
      .where('status', 'not in', ['resolved', 'closed'])
      .$if(!everyOpenTicket, (q) => q.where('escalation_due_at', '<=', now))
      .execute();
    return rows.map((r) => ({ ticket: toTicket(r), rev: String(r.escalation_rev) }));
  },
  async setEscalationDue(tx, instants) {
    if (instants.length === 0) return;
    // One statement for the run; a ticket changed since its revision was read keeps its stale mark.
    const rows = sql.join(instants.map((i) => sql`(${i.ticketId}::uuid, ${i.at}::timestamptz, ${i.rev}::bigint)`));
    await sql`UPDATE tickets SET escalation_due_at = v.at FROM (VALUES ${rows}) AS v (id, at, rev) WHERE tickets.id = v.id AND tickets.escalation_rev = v.rev`.execute(trxOf(tx));
  },
  async claimMarker(tx, ticketId, marker, at) {
    const result = await trxOf(tx).updateTable('tickets').set({ [marker]: at }).where('id', '=', ticketId).where(marker, 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async createdBetween(tx, tenantId, from, to) {
    const rows = await trxOf(tx)
      .selectFrom('tickets')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .orderBy('number')
      .execute();
    return rows.map(toTicket);
  },
  async attachments(tx, ticketId) {
    const rows = await trxOf(tx).selectFrom('ticket_attachments').select(META_COLUMNS).where('ticket_id', '=', ticketId).orderBy('created_at').execute();
    return rows.map(toMeta);
  },
  async addAttachment(tx, tenantId, m, content) {
    const row = await trxOf(tx)
      .insertInto('ticket_attachments')
      .values({ ticket_id: m.ticketId, tenant_id: tenantId, file_name: m.fileName, content_type: m.contentType, size_bytes: m.sizeBytes, sha256: m.sha256, content, uploaded_by: m.uploadedBy, by_staff: m.byStaff })
      .returning(META_COLUMNS)
      .executeTakeFirstOrThrow();
    return toMeta(row);
  },
  async attachment(tx, ticketId, attachmentId) {
    const row = await trxOf(tx).selectFrom('ticket_attachments').select([...META_COLUMNS, 'content']).where('ticket_id', '=', ticketId).where('id', '=', attachmentId).executeTakeFirst();
    return row ? { ...toMeta(row), content: row.content } : null;
  },
  async people(tx, ticketId) {
    // kopa_ticket_people (026_ticket_mail.sql) checks that the caller sees the ticket.
    const { rows } = await sql<{ user_id: string; email: string; name: string; locale: string; role: string; tenant_id: string | null; active: boolean; is_reporter: boolean; is_watcher: boolean }>`SELECT * FROM kopa_ticket_people(${ticketId}::uuid)`.execute(trxOf(tx));
    return rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, locale: r.locale === 'en' ? 'en' : 'lv', agency: r.tenant_id === null, active: r.active, reporter: r.is_reporter, watcher: r.is_watcher }));
  },
  async addWatcher(tx, tenantId, ticketId, userId, addedBy, at) {
    const row = await trxOf(tx)
      .insertInto('ticket_watchers')
      .values({ ticket_id: ticketId, tenant_id: tenantId, user_id: userId, added_by: addedBy, created_at: at })
      .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },
  async removeWatcher(tx, ticketId, userId) {
    const result = await trxOf(tx).deleteFrom('ticket_watchers').where('ticket_id', '=', ticketId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
  async askSatisfaction(tx, ticketId, tokenHash, at) {
    await trxOf(tx).updateTable('tickets').set({ satisfaction_token_hash: tokenHash, satisfaction_asked_at: at }).where('id', '=', ticketId).execute();
  },
  async bySatisfactionToken(tx, tokenHash) {
    const row = await trxOf(tx).selectFrom('tickets').selectAll().where('satisfaction_token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
    return row ? toTicket(row) : null;
  },
};

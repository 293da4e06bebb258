import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { personNames } from '../../app/desk/person-names.js';
import { NO_DEADLINE, TICKET_SORTS, ticketSortKey, type TicketSort } from '../../domain/desk/ticket-sort.js';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { attachToTicket, listAttachments, readAttachment } from '../../app/desk/attach-to-ticket.js';
import { deskReport } from '../../app/desk/desk-report.js';
import { openTicket } from '../../app/desk/open-ticket.js';
import type { Deps } from '../../app/ports.js';
import { assignTicket, changeTicketStatus, commentOnTicket, getTicket, listAssignees, listTickets, rateTicket, ticketTimeline } from '../../app/desk/work-ticket.js';
import { pageInMemory } from '../../app/shared/paging.js';
import { rateBySatisfactionLink, satisfactionLink } from '../../app/desk/satisfaction.js';
import { listWatchers, unwatchTicket, watchTicket, watcherCandidates } from '../../app/desk/watch-ticket.js';
import { TIMELINE_HEAD } from '../../app/desk/work-ticket.js';
import { ALLOWED_EXTENSIONS, MAX_ATTACHMENT_BYTES } from '../../domain/desk/attachment-policy.js';
import { clocksRunIn, type ClockState } from '../../domain/desk/sla.js';
import { validationError } from '../../domain/errors.js';
import { transitionsFor, type Ticket, type TicketEvent, type TicketStatus } from '../../domain/desk/ticket.js';
import { can } from '../../domain/roles.js';
import { isStaff } from '../../app/desk/ticket-sla.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { PageQuery, encodeCursor, pageOf, pageRequest, sendPage } from '../paging.js';
import { ERRORS, Instant, Nullable, prioritySchema } from '../schemas.js';

const Status = Type.Union([Type.Literal('new'), Type.Literal('in_progress'), Type.Literal('waiting_for_customer'), Type.Literal('resolved'), Type.Literal('closed')]);
const Priority = prioritySchema();
const Category = Type.Union([Type.Literal('incident'), Type.Literal('request'), Type.Literal('question')]);
const Channel = Type.Union([Type.Literal('web'), Type.Literal('email'), Type.Literal('api'), Type.Literal('phone')], { description: 'How the request reached the desk' });

const Clock = Type.Object({
  targetMinutes: Type.Integer(),
  elapsedMinutes: Type.Number({ description: 'Business minutes the clock has run' }),
  dueAt: Instant,
  breached: Type.Boolean(),
  metAt: Type.Union([Instant, Type.Null()]),
  paused: Type.Boolean({ description: 'Waiting for the customer' }),
  running: Type.Boolean({ description: 'The clock counts now: not met, not paused, and the ticket is new or in progress' }),
  percentUsed: Type.Number(),
});
const TicketView = Type.Object({
  id: Type.String(),
  number: Type.String(),
  tenantId: Type.String(),
  agreementId: Type.Union([Type.String(), Type.Null()]),
  calendarId: Type.String(),
  serviceId: Type.Union([Type.String(), Type.Null()]),
  priority: Priority,
  category: Category,
  channel: Channel,
  subject: Type.String(),
  description: Type.String(),
  status: Status,
  reporterId: Type.Union([Type.String(), Type.Null()]),
  reporterLabel: Type.String(),
  assigneeId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
  reactionDueAt: Type.Union([Instant, Type.Null()]),
  resolutionDueAt: Type.Union([Instant, Type.Null()]),
  satisfaction: Type.Union([Type.Object({ rating: Type.Integer(), comment: Nullable(Type.String()), ratedAt: Instant }), Type.Null()]),
  sla: Type.Object({ reaction: Clock, resolution: Clock }),
  allowedTransitions: Type.Array(Status, { description: 'The statuses the caller may move this ticket to now (none when they may not write tickets)' }),
});
const ChannelCounts = { web: Type.Integer(), email: Type.Integer(), api: Type.Integer(), phone: Type.Integer(), total: Type.Integer() };
const Share = { measured: Type.Integer(), met: Type.Integer(), metPercent: Type.Union([Type.Number(), Type.Null()], { description: 'Percent of the measured that met the target, one decimal; null when none was measured' }) };
const DeskReportView = Type.Object({
  tenantId: Type.String(),
  month: Type.String(),
  tickets: Type.Integer({ description: 'Tickets opened in the month' }),
  byPriority: Type.Object({ P1: Type.Integer(), P2: Type.Integer(), P3: Type.Integer(), P4: Type.Integer() }),
  byCategory: Type.Object({ incident: Type.Integer(), request: Type.Integer(), question: Type.Integer() }),
  reaction: Type.Object({ ...Share, medianMinutes: Type.Union([Type.Number(), Type.Null()]), p90Minutes: Type.Union([Type.Number(), Type.Null()]) }),
  resolution: Type.Object(Share),
  breaches: Type.Array(
    Type.Object({
      ticketId: Type.String(),
      number: Type.String(),
      priority: Priority,
      clock: Type.Union([Type.Literal('reaction'), Type.Literal('resolution')]),
      targetMinutes: Type.Integer(),
      elapsedMinutes: Type.Number({ description: 'Business minutes the clock had run' }),
      dueAt: Instant,
    }),
  ),
  satisfaction: Type.Object({ ratings: Type.Integer(), average: Type.Union([Type.Number(), Type.Null()]) }),
  byServiceChannel: Type.Object(
    {
      rows: Type.Array(
        Type.Object({
          service: Type.Union([Type.Object({ id: Type.String(), code: Type.String(), name: Type.Object({ lv: Type.String(), en: Type.Union([Type.String(), Type.Null()]) }) }), Type.Null()], { description: 'null: tickets naming no service' }),
          ...ChannelCounts,
        }),
      ),
      totals: Type.Object(ChannelCounts),
    },
    { description: 'Cabinet Regulation No. 399: requests per service per channel in the month, with totals; services without requests have no row' },
  ),
});
const EventView = Type.Object({
  id: Type.String(),
  at: Instant,
  kind: Type.String(),
  actorLabel: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()], { description: 'the person’s name when the entry was made by a person still known; null for the system and API tokens' }),
  byStaff: Type.Boolean(),
  public: Type.Boolean(),
  fromStatus: Type.Union([Status, Type.Null()]),
  toStatus: Type.Union([Status, Type.Null()]),
  body: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
});

function presentClock(c: ClockState, status: TicketStatus) {
  return {
    targetMinutes: c.targetMinutes,
    elapsedMinutes: Math.round(c.elapsedMinutes * 100) / 100,
    dueAt: new Date(c.dueAt).toISOString(),
    breached: c.breached,
    metAt: c.metAt === null ? null : new Date(c.metAt).toISOString(),
    paused: c.paused,
    running: c.metAt === null && !c.paused && clocksRunIn(status),
    percentUsed: Math.round(c.ratio * 1000) / 10,
  };
}

/** The workflow's moves for this caller, so that the UI offers exactly what the server accepts. */
function movesFor(request: FastifyRequest, ticket: Ticket) {
  const actor = actorOf(request);
  const mayWrite = actor.role === 'system' || (can(actor.role, 'tickets.write') && !request.readOnly);
  return [...transitionsFor(ticket.status, { byStaff: isStaff(actor), mayWrite })];
}

function present(request: FastifyRequest, ticket: Ticket, sla: { reaction: ClockState; resolution: ClockState }) {
  return {
    ...ticket,
    // The due instants as the clocks see them now (a paused clock's moves with the pause).
    reactionDueAt: sla.reaction.metAt === null ? new Date(sla.reaction.dueAt).toISOString() : ticket.reactionDueAt,
    resolutionDueAt: sla.resolution.metAt === null ? new Date(sla.resolution.dueAt).toISOString() : ticket.resolutionDueAt,
    satisfaction: ticket.satisfactionRating ? { rating: ticket.satisfactionRating, comment: ticket.satisfactionComment, ratedAt: ticket.ratedAt! } : null,
    sla: { reaction: presentClock(sla.reaction, ticket.status), resolution: presentClock(sla.resolution, ticket.status) },
    allowedTransitions: movesFor(request, ticket),
  };
}

const TicketWithEvents = Type.Intersect([
  TicketView,
  Type.Object({
    events: Type.Array(EventView, { description: `the latest ${TIMELINE_HEAD} timeline entries, oldest of them first` }),
    reporterName: Type.Union([Type.String(), Type.Null()], { description: 'the reporter’s name; null when reported by the system or a token (reporterLabel says which)' }),
    assigneeName: Type.Union([Type.String(), Type.Null()], { description: 'the assignee’s name; null when unassigned' }),
    timelineNext: Type.Union([Type.String(), Type.Null()], { description: 'the timeline page with the entries before `events` (newest first); null when `events` is all of it' }),
  }),
]);
const presentEvent = (names: Map<string, string>) => (e: TicketEvent) => ({ ...e, actorName: e.actorId === null ? null : (names.get(e.actorId) ?? null) });
const Params = Type.Object({ id: Type.String() });
const TIMELINE = 'ticket-timeline';
const timelineKey = (e: TicketEvent) => [e.at, Number(e.id)] as const;

/** The page key's parts per order (ticketSortKey). */
const TICKET_CURSOR_SHAPES: Record<TicketSort, readonly ('string' | 'number' | 'instant')[]> = {
  newest: ['number'],
  oldest: ['number'],
  updated: ['instant', 'number'],
  deadline: ['string', 'number'],
  priority: ['string', 'number'],
};

export const ticketRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  async function view(request: FastifyRequest, id: string) {
    const { ticket, events, olderFrom, sla } = await getTicket(deps, actorOf(request), id);
    const timelineNext = olderFrom === null ? null : `/api/v1/tickets/${ticket.id}/timeline?cursor=${encodeCursor(TIMELINE, timelineKey(olderFrom))}`;
    const names = await personNames(deps, actorOf(request), [ticket.reporterId, ticket.assigneeId, ...events.map((e) => e.actorId)]);
    return {
      ...present(request, ticket, sla),
      events: events.map(presentEvent(names)),
      timelineNext,
      reporterName: ticket.reporterId === null ? null : (names.get(ticket.reporterId) ?? null),
      assigneeName: ticket.assigneeId === null ? null : (names.get(ticket.assigneeId) ?? null),
    };
  }

  app.post('/tickets', {
    schema: {
      'x-kopa-permission': 'tickets.write',
      tags: ['desk'],
      summary: 'Open a ticket; its clocks follow the agreement in force today',
      body: Type.Object(
        {
          tenantId: Type.Optional(Type.String({ format: 'uuid', description: 'Defaults to the caller’s municipality' })),
          serviceId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
          priority: Priority,
          category: Type.Optional(Category),
          subject: Type.String({ minLength: 1, maxLength: 300 }),
          description: Type.String({ minLength: 1, maxLength: 20_000 }),
          channel: Type.Optional(Type.Literal('phone', { description: 'Agency staff recording a caller’s request; otherwise the channel is the web (a session) or the API (a token)' })),
        },
        { additionalProperties: false },
      ),
      response: { 201: TicketWithEvents, ...ERRORS },
    },
  }, async (request, reply) => {
    const ticket = await openTicket(deps, actorOf(request), request.body);
    return reply.status(201).header('Location', `/api/v1/tickets/${ticket.id}`).send(await view(request, ticket.id));
  });

  app.get('/tickets', {
    schema: {
      'x-kopa-permission': 'tickets.read',
      tags: ['desk'],
      summary: 'Tickets, newest first: all municipalities for agency staff, one’s own for municipality users',
      querystring: Type.Object(
        {
          tenantId: Type.Optional(Type.String({ format: 'uuid' })),
          status: Type.Optional(Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', description: 'Comma-separated statuses, or "open"' })),
          priority: Type.Optional(Priority),
          assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
          channel: Type.Optional(Channel),
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'text in the subject or description, or the ticket number' })),
          sort: Type.Optional(Type.Union(TICKET_SORTS.map((s) => Type.Literal(s)), { description: 'newest (default, by number), oldest, updated (last changed first), deadline (nearest resolution deadline first, none last), priority (P1 first, then newest)' })),
          ...PageQuery,
        },
        { additionalProperties: false },
      ),
      response: { 200: pageOf(TicketView), ...ERRORS },
    },
  }, async (request, reply) => {
    const q = request.query;
    const statuses = q.status === 'open' ? (['new', 'in_progress', 'waiting_for_customer'] as const) : q.status?.split(',');
    const valid = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'];
    if (statuses?.some((s) => !valid.includes(s))) {
      throw validationError('status', 'not_one_of', `must be "open" or a comma-separated list of ${valid.join(', ')}`, { allowed: ['open', ...valid].join(', ') });
    }
    const sort = q.sort ?? 'newest';
    // Each order is a list of its own: a cursor of one order is refused by another.
    const list = sort === 'newest' ? 'tickets' : `tickets-${sort}`;
    const page = pageRequest(q, list, TICKET_CURSOR_SHAPES[sort]);
    // A deadline key is an instant or "no deadline"; anything else would reach the database as a bad timestamp.
    if (sort === 'deadline' && page.after && page.after[0] !== NO_DEADLINE && Number.isNaN(Date.parse(String(page.after[0])))) {
      throw validationError('cursor', 'invalid_cursor', 'is not a cursor of this list; start again without it');
    }
    const slice = await listTickets(deps, actorOf(request), { tenantId: q.tenantId, statuses: statuses as never, priority: q.priority, assigneeId: q.assigneeId, channel: q.channel, search: q.q?.trim() || undefined, sort }, page);
    return sendPage(request, reply, list, slice, (i) => ticketSortKey(i.ticket, sort), (i) => present(request, i.ticket, i.sla));
  });

  app.get('/tickets/assignees', {
    schema: {
      'x-kopa-permission': 'tickets.manage',
      tags: ['desk'],
      summary: 'Staff a ticket can be assigned to (active operators and desk agents)',
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: pageOf(Type.Object({ id: Type.String(), name: Type.String(), role: Type.Union([Type.Literal('operator'), Type.Literal('desk_agent')]) })), ...ERRORS },
    },
  }, async (request, reply) => {
    const all = await listAssignees(deps, actorOf(request));
    return sendPage(request, reply, 'assignees', pageInMemory(all, (a) => [a.name, a.id], pageRequest(request.query, 'assignees', ['string', 'string'])), (a) => [a.name, a.id]);
  });

  app.get('/tickets/:id', {
    schema: { 'x-kopa-permission': 'tickets.read', tags: ['desk'], summary: `A ticket with its SLA clocks and the latest ${TIMELINE_HEAD} entries of its timeline`, params: Params, response: { 200: TicketWithEvents, ...ERRORS } },
  }, async (request) => view(request, pathId(request.params.id, 'Ticket')));

  app.get('/tickets/:id/timeline', {
    schema: { 'x-kopa-permission': 'tickets.read',
      tags: ['desk'],
      summary: 'A ticket’s timeline, newest first (internal notes only for agency staff)',
      params: Params,
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: pageOf(EventView), ...ERRORS },
    },
  }, async (request, reply) => {
    const slice = await ticketTimeline(deps, actorOf(request), pathId(request.params.id, 'Ticket'), pageRequest(request.query, TIMELINE, ['instant', 'number']));
    const names = await personNames(deps, actorOf(request), slice.items.map((e) => e.actorId));
    return sendPage(request, reply, TIMELINE, slice, timelineKey, presentEvent(names));
  });

  app.post('/tickets/:id/comments', {
    schema: {
      'x-kopa-permission': 'tickets.write',
      tags: ['desk'],
      summary: 'Comment; the first public reply by agency staff stops the reaction clock',
      params: Params,
      body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 20_000 }), public: Type.Optional(Type.Boolean({ description: 'default true; internal notes are staff-only' })) }, { additionalProperties: false }),
      response: { 201: EventView, ...ERRORS },
    },
  }, async (request, reply) => {
    const added = await commentOnTicket(deps, actorOf(request), pathId(request.params.id, 'Ticket'), request.body.body, request.body.public ?? true);
    return reply.status(201).send(presentEvent(await personNames(deps, actorOf(request), [added.actorId]))(added));
  });

  app.post('/tickets/:id/status', {
    schema: { 'x-kopa-permission': 'tickets.write', tags: ['desk'], summary: 'Move the ticket along its workflow', params: Params, body: Type.Object({ status: Status }, { additionalProperties: false }), response: { 200: TicketWithEvents, ...ERRORS } },
  }, async (request) => {
    const id = pathId(request.params.id, 'Ticket');
    await changeTicketStatus(deps, actorOf(request), id, request.body.status);
    return view(request, id);
  });

  app.post('/tickets/:id/assignee', {
    schema: { 'x-kopa-permission': 'tickets.manage', tags: ['desk'], summary: 'Assign to an agent (staff)', params: Params, body: Type.Object({ assigneeId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) }, { additionalProperties: false }), response: { 200: TicketWithEvents, ...ERRORS } },
  }, async (request) => {
    const id = pathId(request.params.id, 'Ticket');
    await assignTicket(deps, actorOf(request), id, request.body.assigneeId);
    return view(request, id);
  });

  app.post('/tickets/:id/satisfaction', {
    schema: {
      'x-kopa-permission': 'tickets.write',
      tags: ['desk'],
      summary: 'Rate a resolved ticket 1–5 (the reporter, once)',
      params: Params,
      body: Type.Object({ rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) }, { additionalProperties: false }),
      response: { 200: TicketWithEvents, ...ERRORS },
    },
  }, async (request) => {
    const id = pathId(request.params.id, 'Ticket');
    await rateTicket(deps, actorOf(request), id, request.body.rating, request.body.comment ?? null);
    return view(request, id);
  });

  const WatcherView = Type.Object({ id: Type.String({ description: 'the person’s user id' }), name: Type.String(), agency: Type.Boolean({ description: 'an agency account rather than one of the municipality’s people' }) });
  const WatcherParams = Type.Object({ id: Type.String(), userId: Type.String() });

  app.get('/tickets/:id/watchers', {
    schema: { 'x-kopa-permission': 'tickets.read', tags: ['desk'], summary: 'The people who follow a ticket and hear of its public replies and status changes by e-mail (the reporter always does)', params: Params, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: pageOf(WatcherView), ...ERRORS } },
  }, async (request, reply) => {
    const all = await listWatchers(deps, actorOf(request), pathId(request.params.id, 'Ticket'));
    const key = (w: (typeof all)[number]) => [w.name, w.id] as const;
    return sendPage(request, reply, 'watchers', pageInMemory(all, key, pageRequest(request.query, 'watchers', ['string', 'string'])), key);
  });

  app.get('/tickets/:id/watcher-candidates', {
    schema: {
      'x-kopa-permission': 'tickets.write',
      tags: ['desk'],
      summary: 'The people you may add as the ticket’s watchers, by name: for the service desk the ticket’s municipality’s people and the agency’s staff, for a municipality’s person their colleagues (active, able to see tickets; those watching already included)',
      params: Params,
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: pageOf(WatcherView), ...ERRORS },
    },
  }, async (request, reply) => {
    const all = await watcherCandidates(deps, actorOf(request), pathId(request.params.id, 'Ticket'));
    const key = (w: (typeof all)[number]) => [w.name, w.id] as const;
    return sendPage(request, reply, 'watcher-candidates', pageInMemory(all, key, pageRequest(request.query, 'watcher-candidates', ['string', 'string'])), key);
  });

  app.post('/tickets/:id/watchers', {
    schema: {
      'x-kopa-permission': 'tickets.write',
      tags: ['desk'],
      summary: 'Follow a ticket (no userId: yourself); the service desk may add any person of the ticket’s municipality or of the agency, a municipality’s person a colleague',
      params: Params,
      body: Type.Object({ userId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
      response: { 200: WatcherView, ...ERRORS },
    },
  }, async (request) => watchTicket(deps, actorOf(request), pathId(request.params.id, 'Ticket'), request.body.userId ?? null));

  app.delete('/tickets/:id/watchers/:userId', {
    schema: { 'x-kopa-permission': 'tickets.write', tags: ['desk'], summary: 'Stop following a ticket (yourself; the service desk anyone)', params: WatcherParams, response: { 204: Type.Null(), ...ERRORS } },
  }, async (request, reply) => {
    await unwatchTicket(deps, actorOf(request), pathId(request.params.id, 'Ticket'), pathId(request.params.userId, 'Watcher'));
    return reply.status(204).send(null);
  });

  const SatisfactionToken = Type.String({ minLength: 20, maxLength: 200, description: 'the part after `#` in the link of the satisfaction mail' });

  app.get('/tickets/satisfaction', {
    schema: {
      tags: ['desk'],
      summary: 'What a satisfaction link is about (the ticket’s number and subject); reading it spends nothing',
      description: 'The link is the credential (no sign-in). An unknown or tampered link is 404, a spent one 409.',
      security: [],
      querystring: Type.Object({ token: SatisfactionToken }, { additionalProperties: false }),
      response: { 200: Type.Object({ number: Type.String(), subject: Type.String() }), 400: Type.Ref('Problem'), 404: Type.Ref('Problem'), 409: Type.Ref('Problem') },
    },
  }, async (request) => satisfactionLink(deps, request.query.token));

  app.post('/tickets/satisfaction', {
    schema: {
      tags: ['desk'],
      summary: 'The reporter’s satisfaction score (1–5) through the one-time link of the satisfaction mail',
      description: 'Sent by the page the link opens, never by the link itself, so that mail scanners following links rate nothing. Works once: a spent link is 409, an unknown or tampered one 404, a ticket reopened since 409.',
      security: [],
      body: Type.Object({ token: SatisfactionToken, score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) }, { additionalProperties: false }),
      response: { 200: Type.Object({ number: Type.String(), rating: Type.Integer() }), 400: Type.Ref('Problem'), 404: Type.Ref('Problem'), 409: Type.Ref('Problem') },
    },
  }, async (request) => rateBySatisfactionLink(deps, { token: request.body.token, score: request.body.score, comment: request.body.comment ?? null, requestId: request.id, clientAddress: request.ip }));

  app.get('/tenants/:id/desk-report/:month', {
    schema: {
      'x-kopa-permission': 'desk_reports.read',
      tags: ['desk'],
      summary: 'Monthly desk report: tickets by priority and category, requests per service and channel (Regulation No. 399), targets met, reaction median and p90, breaches, satisfaction; `?format=csv`',
      params: Type.Object({ id: Type.String(), month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' }) }),
      querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) }, { additionalProperties: false }),
      response: { 200: DeskReportView, ...ERRORS },
    },
  }, async (request, reply) => {
    const result = await deskReport(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.params.month);
    if (request.query.format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="desk-report-${request.params.month}.csv"`).serializer((x: string) => x).send(result.csv);
    }
    return { tenantId: result.tenantId, month: result.month, ...result.report };
  });
};

const AttachmentView = Type.Object({
  id: Type.String(),
  ticketId: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.String(),
  byStaff: Type.Boolean(),
  createdAt: Instant,
});

/** Uploads (multipart/form-data, field `file`) and downloads of ticket attachments. */
export const attachmentRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  // Browsers send UTF-8 file names (ekrāns.png); busboy's default would read them as Latin-1.
  // (busboy reads defParamCharset; @fastify/multipart passes it through but does not type it.)
  const options = { defParamCharset: 'utf8', limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 } };
  await app.register(multipart, options as Parameters<typeof multipart>[1]);

  app.get('/tickets/:id/attachments', {
    schema: { 'x-kopa-permission': 'tickets.read', tags: ['desk'], summary: 'Files attached to a ticket, oldest first', params: Params, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: pageOf(AttachmentView), ...ERRORS } },
  }, async (request, reply) => {
    const all = await listAttachments(deps, actorOf(request), pathId(request.params.id, 'Ticket'));
    const key = (a: (typeof all)[number]) => [a.createdAt, a.id] as const;
    return sendPage(request, reply, 'attachments', pageInMemory(all, key, pageRequest(request.query, 'attachments', ['string', 'string'])), key);
  });

  app.post('/tickets/:id/attachments', {
    schema: {
      'x-kopa-permission': 'tickets.write',
      tags: ['desk'],
      summary: `Attach a file (multipart field "file", at most 10 MB; ${ALLOWED_EXTENSIONS.join(', ')})`,
      params: Params,
      consumes: ['multipart/form-data'],
      response: { 201: AttachmentView, ...ERRORS, 413: Type.Ref('Problem'), 415: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    const id = pathId(request.params.id, 'Ticket');
    if (!request.isMultipart()) throw validationError('file', 'multipart_required', 'send multipart/form-data with a "file" field');
    const file = await request.file();
    if (!file || file.fieldname !== 'file') throw validationError('file', 'required', 'is required');
    const data = await file.toBuffer().catch((error: unknown) => {
      if (error instanceof Error && /too large|limit/i.test(error.message)) throw validationError('file', 'file_too_large', 'is larger than 10 MB', { maxMb: 10 });
      throw error;
    });
    if (file.file.truncated) throw validationError('file', 'file_too_large', 'is larger than 10 MB', { maxMb: 10 });
    return reply.status(201).send(await attachToTicket(deps, actorOf(request), id, file.filename, new Uint8Array(data)));
  });

  app.get('/tickets/:id/attachments/:attachmentId', {
    schema: { 'x-kopa-permission': 'tickets.read', tags: ['desk'], summary: 'Download an attachment', params: Type.Object({ id: Type.String(), attachmentId: Type.String() }) },
  }, async (request, reply) => {
    const file = await readAttachment(deps, actorOf(request), pathId(request.params.id, 'Ticket'), pathId(request.params.attachmentId, 'Attachment'));
    // Always a download with its checked type, never rendered inline by the browser.
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('x-checksum-sha256', file.sha256)
      .send(Buffer.from(file.content));
  });
};

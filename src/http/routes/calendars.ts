import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { addCalendarException, createCalendar, getCalendar, listCalendars, removeCalendarException } from '../../app/calendars/manage-calendars.js';
import type { Deps } from '../../app/ports.js';
import { businessTime, calendarDays, calendarIcs, deadline } from '../../app/calendars/query-business-time.js';
import { actorOf } from '../auth.js';
import { PageOnly, pageOf, sendListPage } from '../paging.js';
import { DateText, ERRORS, Instant } from '../schemas.js';
import { DEFAULT_ZONE } from '../../domain/calendar/local-time.js';

const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$', description: 'Local time HH:MM' });
const ClockSlot = Type.Object({ opens: ClockTime, closes: ClockTime }, { additionalProperties: false });
const Slots = Type.Array(ClockSlot, { maxItems: 6 });
const WeeklyHours = Type.Object(
  { monday: Slots, tuesday: Slots, wednesday: Slots, thursday: Slots, friday: Slots, saturday: Slots, sunday: Slots },
  { additionalProperties: false, description: 'Opening hours per weekday, local time' },
);
const ExceptionKind = Type.Union([Type.Literal('day_off'), Type.Literal('working_day'), Type.Literal('custom_hours')]);
const CalendarException = Type.Object({
  date: DateText,
  kind: ExceptionKind,
  slots: Type.Union([Slots, Type.Null()]),
  reason: Type.String(),
  createdAt: Instant,
  createdBy: Type.Union([Type.String(), Type.Null()]),
});
const calendarFields = {
  id: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  rules: Type.Union([Type.Literal('lv'), Type.Null()], { description: "'lv': Latvian holiday law, Labour Law s.135 shortened days and the Cabinet's transfers" }),
  description: Type.Union([Type.String(), Type.Null()]),
  weeklyHours: WeeklyHours,
  version: Type.Integer(),
  updatedAt: Instant,
};
const CalendarSummary = Type.Object({ ...calendarFields, exceptionCount: Type.Integer() });
const CalendarDetail = Type.Object({ ...calendarFields, exceptions: Type.Array(CalendarException) });
const Params = Type.Object({ id: Type.String({ maxLength: 60 }) });

export const calendarRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/calendars', {
    schema: { 'x-kopa-permission': 'calendars.read', tags: ['calendars'], summary: 'Business calendars agreements can choose, by id', querystring: PageOnly, response: { 200: pageOf(CalendarSummary), ...ERRORS } },
  }, async (request, reply) => sendListPage(request, reply, 'calendars', await listCalendars(deps, actorOf(request)), (c) => [c.id], ['string']));

  app.post('/calendars', {
    schema: {
      'x-kopa-permission': 'calendars.write',
      tags: ['calendars'],
      summary: 'Create a calendar (operator), e.g. 24×7',
      body: Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 40, examples: ['24x7'] }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          timeZone: Type.Optional(Type.String({ maxLength: 64, description: `IANA zone; default ${DEFAULT_ZONE}` })),
          weeklyHours: WeeklyHours,
          rules: Type.Optional(Type.Union([Type.Literal('lv'), Type.Null()])),
          description: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      response: { 201: CalendarDetail, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createCalendar(deps, actorOf(request), request.body)));

  // One route serves both the JSON calendar and its iCalendar export ({id}.ics).
  app.get('/calendars/:id', {
    schema: {
      'x-kopa-permission': 'calendars.read',
      tags: ['calendars'],
      summary: 'A calendar with its exceptions; `/calendars/{id}.ics` exports days off and shortened days as iCalendar',
      params: Params,
      response: { 200: CalendarDetail, ...ERRORS },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    if (id.endsWith('.ics')) {
      const ics = await calendarIcs(deps, actorOf(request), id.slice(0, -4));
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${id}"`).serializer((x: string) => x).send(ics);
    }
    return getCalendar(deps, actorOf(request), id);
  });

  app.post('/calendars/:id/exceptions', {
    schema: {
      'x-kopa-permission': 'calendars.write',
      tags: ['calendars'],
      summary: 'Add a dated exception (operator): a day off, a working day or custom hours',
      params: Params,
      body: Type.Object(
        {
          date: Type.String({ description: 'YYYY-MM-DD' }),
          kind: ExceptionKind,
          opens: Type.Optional(ClockTime),
          closes: Type.Optional(ClockTime),
          slots: Type.Optional(Slots),
          reason: Type.String({ minLength: 1, maxLength: 300 }),
        },
        { additionalProperties: false },
      ),
      response: { 201: CalendarException, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await addCalendarException(deps, actorOf(request), request.params.id, request.body)));

  app.delete('/calendars/:id/exceptions/:date', {
    schema: { 'x-kopa-permission': 'calendars.write', tags: ['calendars'], summary: 'Remove an exception (operator)', params: Type.Object({ id: Type.String(), date: DateText }), response: { 204: Type.Null(), ...ERRORS } },
  }, async (request, reply) => {
    await removeCalendarException(deps, actorOf(request), request.params.id, request.params.date);
    return reply.status(204).send(null);
  });

  app.get('/calendars/:id/business-time', {
    schema: {
      'x-kopa-permission': 'calendars.read',
      tags: ['calendars'],
      summary: 'Business time in [from, to)',
      params: Params,
      querystring: Type.Object({ from: Instant, to: Instant }, { additionalProperties: false }),
      response: { 200: Type.Object({ seconds: Type.Number(), minutes: Type.Number() }), ...ERRORS },
    },
  }, async (request) => businessTime(deps, actorOf(request), request.params.id, new Date(request.query.from), new Date(request.query.to)));

  app.get('/calendars/:id/deadline', {
    schema: {
      'x-kopa-permission': 'calendars.read',
      tags: ['calendars'],
      summary: 'The instant when N business minutes have passed since start',
      params: Params,
      querystring: Type.Object({ start: Instant, minutes: Type.Integer({ minimum: 0, maximum: 10_000_000 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ deadline: Instant }), ...ERRORS },
    },
  }, async (request) => deadline(deps, actorOf(request), request.params.id, new Date(request.query.start), request.query.minutes));

  app.get('/calendars/:id/days', {
    schema: {
      'x-kopa-permission': 'calendars.read',
      tags: ['calendars'],
      summary: 'Each day from `from` to `to` (both included): working or not, hours, reason',
      params: Params,
      querystring: Type.Object({ from: Type.String(), to: Type.String() }, { additionalProperties: false }),
      response: {
        200: Type.Array(
          Type.Object({
            date: DateText,
            working: Type.Boolean(),
            kind: Type.Union([Type.Literal('working'), Type.Literal('shortened'), Type.Literal('off')]),
            opens: Type.Union([Type.String(), Type.Null()]),
            closes: Type.Union([Type.String(), Type.Null()]),
            slots: Slots,
            reason: Type.Union([Type.String(), Type.Null()]),
          }),
        ),
        ...ERRORS,
      },
    },
  }, async (request) => calendarDays(deps, actorOf(request), request.params.id, request.query.from, request.query.to));
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listCalendars } from '../../app/list-calendars.js';
import type { Deps } from '../../app/ports.js';
import { actorOf } from '../auth.js';
import { ERRORS } from '../schemas.js';

export const calendarRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/calendars', {
    schema: { tags: ['calendars'], summary: 'Business calendars agreements can choose', response: { 200: Type.Array(Type.Ref('Calendar')), ...ERRORS } },
  }, async (request) => listCalendars(deps, actorOf(request)));
};

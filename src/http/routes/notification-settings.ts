import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getNotificationSettings, putNotificationSettings } from '../../app/notices/notification-settings.js';
import type { Deps } from '../../app/ports.js';
import { MAX_PER_LIST, NOTICE_TOPICS, type NoticeTopic, type TopicSetting as TopicSettingValue } from '../../domain/notification-settings.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { ERRORS, Instant } from '../schemas.js';

const Params = Type.Object({ id: Type.String() });

/** Addresses and URLs are checked by the domain rule, so each problem gets its own field code. */
const TopicSetting = Type.Object(
  {
    email: Type.Object(
      {
        contact: Type.Boolean({ description: "the municipality's contact address" }),
        roles: Type.Array(Type.Union([Type.Literal('tenant_admin'), Type.Literal('tenant_user')]), { maxItems: 2, description: 'every active person of the municipality with one of these roles' }),
        userIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: MAX_PER_LIST + 1, description: 'chosen people of the municipality (active ones receive)' }),
        extraAddresses: Type.Array(Type.String({ maxLength: 320 }), { maxItems: MAX_PER_LIST + 1, description: 'other addresses, e.g. a shared IT mailbox' }),
      },
      { additionalProperties: false },
    ),
    teams: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: MAX_PER_LIST + 1, description: 'Microsoft Teams incoming-webhook URLs (https)' }),
    slack: Type.Array(Type.String({ maxLength: 2000 }), { maxItems: MAX_PER_LIST + 1, description: 'Slack incoming-webhook URLs (https)' }),
  },
  { additionalProperties: false },
);

const topicsOf = (optional: boolean) =>
  Type.Object(Object.fromEntries(NOTICE_TOPICS.map((t) => [t, optional ? Type.Optional(TopicSetting) : TopicSetting])), { additionalProperties: false });

const SettingsView = Type.Object({
  tenantId: Type.String(),
  topics: topicsOf(false),
  customised: Type.Boolean({ description: 'false while the municipality has chosen nothing and the defaults apply' }),
  updatedAt: Type.Union([Instant, Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});

const SettingsPut = Type.Object({ topics: topicsOf(true) }, { additionalProperties: false });

export const notificationSettingsRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/tenants/:id/notification-settings', {
    schema: {
      'x-kopa-permission': 'notification_settings.read',
      tags: ['tenants'],
      summary: 'Who at a municipality receives which notices, by e-mail, Teams and Slack',
      params: Params,
      response: { 200: SettingsView, ...ERRORS },
    },
  }, async (request) => getNotificationSettings(deps, actorOf(request), pathId(request.params.id, 'Municipality')));

  app.put('/tenants/:id/notification-settings', {
    schema: {
      'x-kopa-permission': 'notification_settings.write',
      tags: ['tenants'],
      summary: "Replace a municipality's notification settings (its administrators, operators); a topic left out returns to its default",
      params: Params,
      body: SettingsPut,
      response: { 200: SettingsView, ...ERRORS },
    },
  }, async (request) => putNotificationSettings(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.body.topics as Partial<Record<NoticeTopic, TopicSettingValue>>));
};

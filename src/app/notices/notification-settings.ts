import type { Actor } from '../../domain/actor.js';
import { FieldErrors, notFound } from '../../domain/errors.js';
import { checkNotificationSettings, completeSettings, NOTICE_TOPICS, type NoticeTopic, type NotificationSettings, type TopicSetting } from '../../domain/notification-settings.js';
import { recordAudit } from '../audit/record-audit.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { Tx } from '../shared/transaction.js';
import type { NotificationSettingsDeps } from './ports.js';

export interface NotificationSettingsView {
  tenantId: string;
  topics: NotificationSettings;
  /** False while the municipality has chosen nothing and the defaults apply. */
  customised: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

async function view(deps: NotificationSettingsDeps, tx: Tx, tenantId: string): Promise<NotificationSettingsView> {
  if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
  const stored = await deps.store.notificationSettings.get(tx, tenantId);
  return { tenantId, topics: completeSettings(stored?.topics ?? null), customised: stored !== null, updatedAt: stored?.updatedAt.toISOString() ?? null, updatedBy: stored?.updatedBy ?? null };
}

export async function getNotificationSettings(deps: NotificationSettingsDeps, actor: Actor, tenantId: string): Promise<NotificationSettingsView> {
  requirePermission(actor, 'notification_settings.read');
  requireTenantAccess(actor, tenantId);
  return deps.store.run(scopeOf(actor), (tx) => view(deps, tx, tenantId));
}

/**
 * Replaces a municipality's choice. Topics left out of `topics` go back to their defaults.
 * Chosen people must be that municipality's own (an id from elsewhere reads as unknown).
 */
export async function putNotificationSettings(deps: NotificationSettingsDeps, actor: Actor, tenantId: string, topics: Partial<Record<NoticeTopic, TopicSetting>>): Promise<NotificationSettingsView> {
  requirePermission(actor, 'notification_settings.write');
  requireTenantAccess(actor, tenantId);
  const settings = checkNotificationSettings(topics);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await view(deps, tx, tenantId);
    const people = new Set((await deps.store.users.list(tx, tenantId, {})).filter((u) => u.tenantId === tenantId).map((u) => u.id));
    const errors = new FieldErrors();
    for (const topic of NOTICE_TOPICS) {
      settings[topic].email.userIds.forEach((id, i) => {
        if (!people.has(id)) errors.add(`topics.${topic}.email.userIds.${i}`, 'unknown_user', "must be one of the municipality's people");
      });
    }
    errors.throwIfAny();
    await deps.store.notificationSettings.put(tx, tenantId, settings, deps.clock.now(), actor.label);
    await recordAudit(deps, tx, actor, { action: 'notification_settings.changed', entityType: 'notification_settings', entityId: tenantId, tenantId, before: before.topics, after: settings });
    return view(deps, tx, tenantId);
  });
}

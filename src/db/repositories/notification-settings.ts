import type { NotificationSettingsStore } from '../../app/notices/ports.js';
import type { TopicSetting } from '../../domain/notification-settings.js';
import { trxOf } from '../tx.js';

export const notificationSettingsRepository: NotificationSettingsStore = {
  async get(tx, tenantId) {
    const row = await trxOf(tx).selectFrom('notification_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) return null;
    return { topics: row.settings as Partial<Record<string, TopicSetting>>, updatedAt: row.updated_at, updatedBy: row.updated_by };
  },
  async put(tx, tenantId, settings, at, by) {
    const values = { settings: JSON.stringify(settings), updated_at: at, updated_by: by };
    await trxOf(tx)
      .insertInto('notification_settings')
      .values({ tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
      .execute();
  },
};

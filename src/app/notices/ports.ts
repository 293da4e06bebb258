/** What the notices feature needs from the store: each municipality's notification settings. */
import type { NotificationSettings, TopicSetting } from '../../domain/notification-settings.js';
import type { AuditStore } from '../audit/ports.js';
import type { Clock, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { User } from '../../domain/user.js';

export interface StoredNotificationSettings {
  /** As stored: a topic missing here has its default. */
  topics: Partial<Record<string, TopicSetting>>;
  updatedAt: Date;
  updatedBy: string;
}

export interface NotificationSettingsStore {
  /** Null while the municipality has chosen nothing (the defaults apply). */
  get(tx: Tx, tenantId: string): Promise<StoredNotificationSettings | null>;
  put(tx: Tx, tenantId: string, settings: NotificationSettings, at: Date, by: string): Promise<void>;
}

export interface NotificationSettingsDeps {
  store: Transactions & {
    notificationSettings: NotificationSettingsStore;
    audit: AuditStore;
    users: { list(tx: Tx, tenantId: string | null, filter: { agencyOnly?: boolean }): Promise<readonly User[]> };
    tenants: { get(tx: Tx, tenantId: string): Promise<unknown> };
  };
  clock: Clock;
}

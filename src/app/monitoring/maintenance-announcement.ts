import type { SentHandler, SentHandlers } from '../outbox/send-outbox.js';
import type { MaintenanceStore } from './ports.js';

/**
 * A window is announced when Kopa's notice announcing it — of the new window or series, or of a
 * change — is first delivered to anyone: the outbox sender calls this in the transaction that marks
 * the row sent, and the windows linked to that notice take the send time (the earliest, however many
 * recipients and replicas). A declared announcement keeps the operator's time.
 */
export function maintenanceSentHandlers(store: { maintenance: Pick<MaintenanceStore, 'markAnnounced'> }): SentHandlers {
  const announced: SentHandler = async (tx, notice, sentAt) => {
    await store.maintenance.markAnnounced(tx, notice.eventKey, sentAt);
  };
  return { 'maintenance.announced': announced, 'maintenance.changed': announced };
}

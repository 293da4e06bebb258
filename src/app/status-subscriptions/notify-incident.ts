import { DEFAULT_ZONE, localDateOf } from '../../domain/calendar/local-time.js';
import type { Language } from '../../domain/locale.js';
import { statusPageLabel } from '../../domain/status/status-page-label.js';
import type { Incident } from '../../domain/status/incident.js';
import { incidentMoment, incidentNotice } from '../../domain/status/incident-notice.js';
import type { ServiceStore, SubscriptionStore } from '../catalogue/ports.js';
import { recordMunicipalityNotice, type RecipientDeps } from '../notices/recipients.js';
import type { Clock, Notice, NotificationSettings, OutboxStore } from '../shared/ports.js';
import { hashSecret, newSecret } from '../shared/secrets.js';
import type { Tx } from '../shared/transaction.js';
import type { StatusSubscriberStore } from './ports.js';
import { unsubscribeHeaders, unsubscribeLink } from './links.js';

export interface IncidentNoticeDeps {
  store: RecipientDeps['store'] & {
    services: Pick<ServiceStore, 'list'>;
    subscriptions: Pick<SubscriptionStore, 'list'>;
    statusSubscribers: StatusSubscriberStore;
    outbox: Pick<OutboxStore, 'record'>;
  };
  clock: Clock;
  notifications?: NotificationSettings;
}

/**
 * Records, in the transaction that changed the incident, one e-mail per person who should hear of
 * its latest update: the contacts of every municipality subscribed today to an affected service,
 * and everyone who confirmed following the status page for one. The event key names the update by
 * its number, so recording the same update again adds nothing (ADR 0020).
 */
export async function queueIncidentNotices(deps: IncidentNoticeDeps, tx: Tx, incident: Incident): Promise<void> {
  const settings = deps.notifications;
  if (!settings) return;
  const mailEnabled = settings.mailEnabled;
  const now = deps.clock.now();
  const eventKey = `incident:${incident.id}:update:${incident.updates.length}`;
  const event = `incident.${incidentMoment(incident)}`;
  const base = settings.publicUrl;
  const link = base ? `${base}/status#incident-${incident.id}` : null;
  const services = (await deps.store.services.list(tx)).filter((s) => incident.serviceIds.includes(s.id)).map((s) => s.name);
  const notices: Notice[] = [];
  // Each address hears once: a follower who is also a municipality's recipient gets that mail.
  const seen = new Set<string>();

  const today = localDateOf(DEFAULT_ZONE, now.getTime());
  const tenants = new Set(
    (await deps.store.subscriptions.list(tx, null)).filter((s) => incident.serviceIds.includes(s.serviceId) && s.from <= today && (s.to === null || s.to >= today)).map((s) => s.tenantId),
  );
  const words = (language: Language) => {
    const notice = incidentNotice(incident, services, language, { incident: null });
    return { subject: notice.subject, lines: notice.text.split('\n'), linkLabel: statusPageLabel(language) };
  };
  for (const tenantId of [...tenants].sort()) {
    const { mailed } = await recordMunicipalityNotice(deps, tx, { tenantId, topic: 'incidents', eventKey, event, link, words }, now);
    for (const address of mailed) seen.add(address);
  }

  // Public followers: each mail carries its own one-time unsubscribe token (only its hash is kept).
  const tokens: { subscriberId: string; tokenHash: string }[] = [];
  const followers = mailEnabled ? await deps.store.statusSubscribers.confirmedFor(tx, incident.serviceIds) : [];
  for (const subscriber of followers) {
    const key = subscriber.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const token = newSecret();
    tokens.push({ subscriberId: subscriber.id, tokenHash: hashSecret(token) });
    const mail = incidentNotice(incident, services, subscriber.language, { incident: link, unsubscribe: unsubscribeLink(base, token) });
    notices.push({ eventKey, event, channel: 'email', recipient: subscriber.email, tenantId: null, subject: mail.subject, payload: { text: mail.text, headers: unsubscribeHeaders(base, token) }, language: subscriber.language });
  }
  await deps.store.statusSubscribers.addUnsubscribeTokens(tx, tokens, now);
  await deps.store.outbox.record(tx, notices, now);
}

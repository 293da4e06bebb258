import { sql } from 'kysely';
import type { StatusSubscriber, StatusSubscriberStore } from '../../app/status-subscriptions/ports.js';
import { trxOf } from '../tx.js';

interface Row {
  id: string;
  email: string;
  language: string;
  service_ids: unknown;
  confirm_sent_at: Date;
  confirmed_at: Date | null;
}

const toSubscriber = (r: Row): StatusSubscriber => ({
  id: r.id,
  email: r.email,
  language: r.language === 'en' ? 'en' : 'lv',
  serviceIds: (typeof r.service_ids === 'string' ? JSON.parse(r.service_ids) : r.service_ids) as string[],
  confirmSentAt: new Date(r.confirm_sent_at),
  confirmedAt: r.confirmed_at === null ? null : new Date(r.confirmed_at),
});

const COLUMNS = ['id', 'email', 'language', 'service_ids', 'confirm_sent_at', 'confirmed_at'] as const;

export const statusSubscriberRepository: StatusSubscriberStore = {
  async findByEmail(tx, email) {
    const row = await trxOf(tx).selectFrom('status_subscribers').select(COLUMNS).where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
    return row ? toSubscriber(row) : null;
  },

  async saveUnconfirmed(tx, s, now) {
    const row = await trxOf(tx)
      .insertInto('status_subscribers')
      .values({ email: s.email, language: s.language, service_ids: JSON.stringify(s.serviceIds), confirm_token_hash: s.confirmTokenHash, confirm_sent_at: now, created_at: now })
      // An address asking again before it confirmed gets a fresh link (and its new choices); a confirmed one is never touched here.
      .onConflict((oc) =>
        oc
          .expression(sql`lower(email)`)
          .doUpdateSet({ language: s.language, service_ids: JSON.stringify(s.serviceIds), confirm_token_hash: s.confirmTokenHash, confirm_sent_at: now })
          .where('status_subscribers.confirmed_at', 'is', null),
      )
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toSubscriber(row);
  },

  async confirm(tx, confirmTokenHash, now, notSentBefore) {
    const row = await trxOf(tx)
      .updateTable('status_subscribers')
      .set({ confirmed_at: now, confirm_token_hash: null })
      .where('confirm_token_hash', '=', confirmTokenHash)
      .where('confirmed_at', 'is', null)
      .where('confirm_sent_at', '>=', notSentBefore)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row ? toSubscriber(row) : null;
  },

  async confirmedFor(tx, serviceIds) {
    const rows = await trxOf(tx)
      .selectFrom('status_subscribers')
      .select(COLUMNS)
      .where('confirmed_at', 'is not', null)
      .where((eb) => eb.or([sql<boolean>`service_ids = '[]'::jsonb`, ...serviceIds.map((id) => sql<boolean>`service_ids @> ${JSON.stringify([id])}::jsonb`)]))
      .orderBy('email')
      .execute();
    return rows.map(toSubscriber);
  },

  async addUnsubscribeTokens(tx, tokens, now) {
    if (tokens.length === 0) return;
    await trxOf(tx).insertInto('status_unsubscribe_tokens').values(tokens.map((t) => ({ token_hash: t.tokenHash, subscriber_id: t.subscriberId, created_at: now }))).execute();
  },

  async unsubscribe(tx, unsubscribeTokenHash) {
    const token = await trxOf(tx).selectFrom('status_unsubscribe_tokens').select('subscriber_id').where('token_hash', '=', unsubscribeTokenHash).executeTakeFirst();
    if (!token) return false;
    await trxOf(tx).deleteFrom('status_subscribers').where('id', '=', token.subscriber_id).execute();
    return true;
  },

  async pruneUnconfirmed(tx, before) {
    const result = await trxOf(tx).deleteFrom('status_subscribers').where('confirmed_at', 'is', null).where('confirm_sent_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};

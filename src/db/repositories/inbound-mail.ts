import type { Selectable } from 'kysely';
import type { InboundMail, InboundMailStatus, InboundMailStore } from '../../app/desk/mail-ports.js';
import type { Database } from '../schema.js';
import { trxOf } from '../tx.js';

type Row = Omit<Selectable<Database['inbound_mail']>, 'raw'>;

const COLUMNS = ['id', 'message_id', 'received_at', 'envelope_from', 'from_address', 'to_addresses', 'subject', 'body', 'status', 'reason', 'ticket_id', 'tenant_id', 'decided_by', 'decided_by_id', 'decided_at'] as const;

const toMail = (r: Row): InboundMail => ({
  id: r.id,
  messageId: r.message_id,
  receivedAt: new Date(r.received_at).toISOString(),
  envelopeFrom: r.envelope_from,
  fromAddress: r.from_address,
  toAddresses: r.to_addresses,
  subject: r.subject,
  body: r.body,
  status: r.status as InboundMailStatus,
  reason: r.reason,
  ticketId: r.ticket_id,
  tenantId: r.tenant_id,
  decidedBy: r.decided_by,
  decidedById: r.decided_by_id,
  decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
});

export const inboundMailRepository: InboundMailStore = {
  async claim(tx, m) {
    const row = await trxOf(tx)
      .insertInto('inbound_mail')
      .values({
        message_id: m.messageId,
        received_at: m.receivedAt,
        envelope_from: m.envelopeFrom,
        from_address: m.fromAddress,
        to_addresses: m.toAddresses,
        subject: m.subject,
        body: m.body,
        status: m.status,
        reason: m.reason,
        raw: m.raw,
      })
      .onConflict((oc) => oc.column('message_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },
  async settle(tx, messageId, o) {
    await trxOf(tx)
      .updateTable('inbound_mail')
      .set({
        status: o.status,
        reason: o.reason,
        ...(o.ticketId !== undefined && { ticket_id: o.ticketId }),
        ...(o.tenantId !== undefined && { tenant_id: o.tenantId }),
        ...(!o.keepRaw && { raw: null }),
        ...(o.decidedBy !== undefined && { decided_by: o.decidedBy }),
        ...(o.decidedById !== undefined && { decided_by_id: o.decidedById }),
        ...(o.decidedAt !== undefined && { decided_at: o.decidedAt }),
      })
      .where('message_id', '=', messageId)
      .execute();
  },
  async get(tx, id) {
    const row = await trxOf(tx).selectFrom('inbound_mail').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toMail(row) : null;
  },
  async lock(tx, id) {
    const row = await trxOf(tx).selectFrom('inbound_mail').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? toMail(row) : null;
  },
  async raw(tx, id) {
    const row = await trxOf(tx).selectFrom('inbound_mail').select('raw').where('id', '=', id).executeTakeFirst();
    return row?.raw ? new Uint8Array(row.raw) : null;
  },
  async list(tx, statuses, before, limit) {
    let q = trxOf(tx).selectFrom('inbound_mail').select(COLUMNS).orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit);
    if (statuses !== null) q = q.where('status', 'in', [...statuses]);
    if (before) q = q.where((eb) => eb.or([eb('received_at', '<', new Date(before.receivedAt)), eb.and([eb('received_at', '=', new Date(before.receivedAt)), eb('id', '<', before.id)])]));
    return (await q.execute()).map(toMail);
  },
};

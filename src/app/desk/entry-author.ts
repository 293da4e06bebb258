import type { Actor } from '../../domain/actor.js';
import { isStaff } from './ticket-sla.js';

/**
 * Whom a timeline entry is written as. Usually the person acting; when the desk enters a mail from
 * quarantine, the mail's sender (by address), with who entered it kept in the entry's data.
 */
export interface EntryAuthor {
  id: string | null;
  label: string;
  byStaff: boolean;
  /** Kept on the entry beside its own data: who entered it for the author, and from what. */
  enteredBy?: { id: string | null; label: string; inboundMailId: string };
}

export const authorOf = (actor: Actor): EntryAuthor => ({ id: actor.id, label: actor.label, byStaff: isStaff(actor) });

/** The sender of a mail the desk person `actor` enters: nobody's account, so never staff. */
export const mailSender = (actor: Actor, fromAddress: string, inboundMailId: string): EntryAuthor => ({
  id: null,
  label: fromAddress,
  byStaff: false,
  enteredBy: { id: actor.id, label: actor.label, inboundMailId },
});

-- Issue 14: the desk handles a quarantined mail once, by adding it to a ticket as a comment
-- (`attached`), by opening a ticket from it (`opened`) or by throwing it away (`discarded`).
-- `assigned` was reserved for the first two and never written.
ALTER TABLE inbound_mail DROP CONSTRAINT inbound_mail_status_check;
ALTER TABLE inbound_mail ADD CONSTRAINT inbound_mail_status_check
  CHECK (status IN ('comment', 'ticket', 'ignored', 'quarantined', 'discarded', 'attached', 'opened'));
-- Who handled it: the person's id beside the label kept in decided_by.
ALTER TABLE inbound_mail ADD COLUMN decided_by_id uuid REFERENCES users (id);

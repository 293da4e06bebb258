-- Indexes for keyset paging (docs/adr/0008-one-paging-contract.md) and the comment rate limit.

-- The clocks read only status changes; a ticket with thousands of comments must not slow them.
CREATE INDEX ticket_events_status ON ticket_events (ticket_id, at, id) WHERE kind = 'status';
-- Comments one person wrote on one ticket in the last minute, counted under the ticket's row lock.
CREATE INDEX ticket_events_comments_by ON ticket_events (ticket_id, actor_id, at) WHERE kind = 'comment';
-- A municipality's tickets newest first, paged by number.
CREATE INDEX tickets_tenant_number ON tickets (tenant_id, number DESC);
-- Lists ordered by name, paged by (name, id).
CREATE INDEX monitors_name ON monitors (name, id);
CREATE INDEX users_name ON users (name, id);
CREATE INDEX users_tenant_name ON users (tenant_id, name, id);

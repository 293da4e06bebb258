-- Issue 11, ADR 0027 "The escalation job reads only the tickets that are due": each ticket keeps
-- the instant its next escalation (a clock's 80 % warning or its breach) can be due, and the job
-- reads only tickets whose instant has passed. The job computes the instant with the domain's
-- clocks; what it depends on marks it stale ('-infinity': due at the next run) right here, so no
-- write path can forget: the ticket's status (every status event is written with it, moveTicket),
-- first reply, priority, targets and calendar, a marker cleared, and any edit of the ticket's
-- calendar (every edit moves calendars.version).
-- escalation_rev moves with each mark, so a run never stores an instant computed before a
-- change that committed while it ran. NULL: nothing left to raise until something changes (a
-- resolved or closed ticket raises nothing; the job reads open tickets only, as before).
ALTER TABLE tickets ADD COLUMN escalation_due_at timestamptz DEFAULT '-infinity';
ALTER TABLE tickets ADD COLUMN escalation_rev bigint NOT NULL DEFAULT 0;
UPDATE tickets SET escalation_due_at = NULL WHERE status IN ('resolved', 'closed');
-- No index on escalation_due_at: an indexed column written would make each of the job's writes
-- a non-HOT update, the churn that spreads the ticket lists over more pages (ADR 0027). The job
-- finds the open tickets by tickets_open and returns only the due ones.

CREATE OR REPLACE FUNCTION kopa_escalation_stale_mark(status text) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN status IN ('resolved', 'closed') THEN NULL ELSE '-infinity'::timestamptz END $$;

CREATE OR REPLACE FUNCTION kopa_ticket_escalation_stale() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status OR NEW.first_response_at IS DISTINCT FROM OLD.first_response_at
     OR NEW.resolved_at IS DISTINCT FROM OLD.resolved_at OR NEW.priority IS DISTINCT FROM OLD.priority
     OR NEW.reaction_target_minutes IS DISTINCT FROM OLD.reaction_target_minutes
     OR NEW.resolution_target_minutes IS DISTINCT FROM OLD.resolution_target_minutes
     OR NEW.calendar_id IS DISTINCT FROM OLD.calendar_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.reaction_warned_at IS DISTINCT FROM OLD.reaction_warned_at AND NEW.reaction_warned_at IS NULL
     OR NEW.reaction_breached_at IS DISTINCT FROM OLD.reaction_breached_at AND NEW.reaction_breached_at IS NULL
     OR NEW.resolution_warned_at IS DISTINCT FROM OLD.resolution_warned_at AND NEW.resolution_warned_at IS NULL
     OR NEW.resolution_breached_at IS DISTINCT FROM OLD.resolution_breached_at AND NEW.resolution_breached_at IS NULL THEN
    NEW.escalation_due_at := kopa_escalation_stale_mark(NEW.status);
    NEW.escalation_rev := OLD.escalation_rev + 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tickets_escalation_stale BEFORE UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION kopa_ticket_escalation_stale();

CREATE OR REPLACE FUNCTION kopa_calendar_escalation_stale() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets SET escalation_due_at = '-infinity', escalation_rev = escalation_rev + 1
   WHERE calendar_id = NEW.id AND status NOT IN ('resolved', 'closed');
  RETURN NULL;
END $$;
CREATE TRIGGER calendars_escalation_stale AFTER UPDATE OF version ON calendars
  FOR EACH ROW WHEN (NEW.version IS DISTINCT FROM OLD.version) EXECUTE FUNCTION kopa_calendar_escalation_stale();

-- Room on each page for a ticket's next versions, so its updates stay HOT (on the page, no new
-- index entries) and the lists' index scans stay in few pages (ADR 0027).
ALTER TABLE tickets SET (fillfactor = 80);

-- Business calendars: weekly hours, the law they follow, and operators' dated exceptions.
ALTER TABLE calendars
  ADD COLUMN weekly_hours jsonb NOT NULL DEFAULT '{"monday":[{"opens":"08:30","closes":"17:00"}],"tuesday":[{"opens":"08:30","closes":"17:00"}],"wednesday":[{"opens":"08:30","closes":"17:00"}],"thursday":[{"opens":"08:30","closes":"17:00"}],"friday":[{"opens":"08:30","closes":"17:00"}],"saturday":[],"sunday":[]}',
  ADD COLUMN rules text CHECK (rules IN ('lv')),
  ADD COLUMN description text,
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

UPDATE calendars SET rules = 'lv', description = 'Latvijas svētku likums, Darba likuma 135. pants un Ministru kabineta darba dienu pārcelšanas rīkojumi' WHERE id = 'lv';

CREATE TABLE calendar_exceptions (
  calendar_id text NOT NULL REFERENCES calendars(id),
  date        date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('day_off', 'working_day', 'custom_hours')),
  slots       jsonb,
  reason      text NOT NULL CHECK (length(reason) > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text,
  PRIMARY KEY (calendar_id, date)
);

-- Calendars belong to no tenant: everyone signed in reads them, operators change them (checked in app/).
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_exceptions TO kopa_app;

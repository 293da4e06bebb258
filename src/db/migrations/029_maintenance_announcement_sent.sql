-- A window's announcement is the moment Kopa actually sent its notice (issue 14), not the moment the
-- notice was recorded: `announced_at` stays empty until the outbox sender delivers the first notice
-- that announces the window, then holds that send time. An operator's declared earlier announcement
-- (declared_by set) keeps the time given. Windows already stored keep the time they have.
ALTER TABLE maintenance_windows ALTER COLUMN announced_at DROP NOT NULL;
ALTER TABLE maintenance_windows ADD CONSTRAINT maintenance_declared_has_time CHECK (declared_by IS NULL OR announced_at IS NOT NULL);

-- Which recorded notices (outbox event keys) announce which windows: the notice of a new window or of
-- a series, and every change. When one of them is sent, the windows it names are announced. A window
-- with no row here had no one to tell.
CREATE TABLE maintenance_announcement_notices (
  window_id uuid NOT NULL REFERENCES maintenance_windows (id),
  event_key text NOT NULL CHECK (length(event_key) BETWEEN 1 AND 300),
  PRIMARY KEY (window_id, event_key)
);
CREATE INDEX maintenance_announcement_notices_key ON maintenance_announcement_notices (event_key);

-- The agency's own planning, like the windows (no tenant column).
GRANT SELECT, INSERT ON maintenance_announcement_notices TO kopa_app;

-- A change to a whole series (PATCH with scope series) counts here: its notice's key names it.
ALTER TABLE maintenance_series ADD COLUMN changes integer NOT NULL DEFAULT 0 CHECK (changes >= 0);

-- Maintenance, whole lifecycle (issue 14): windows can be changed and cancelled, may belong to a
-- recurring series, and remember who declared an announcement made outside Kopa.

-- A recurring series: an RFC 5545 rule read in `zone`, the first occurrence's instants, and how far
-- ahead its occurrences have been written as windows (the maintenance job moves that on).
CREATE TABLE maintenance_series (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule               text NOT NULL CHECK (length(rule) BETWEEN 1 AND 500),
  zone               text NOT NULL,
  first_starts_at    timestamptz NOT NULL,
  first_ends_at      timestamptz NOT NULL CHECK (first_ends_at > first_starts_at),
  materialised_until timestamptz NOT NULL,
  created_at         timestamptz NOT NULL,
  created_by         text,
  cancelled_at       timestamptz,
  cancel_reason      text CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 1 AND 2000),
  CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))
);

-- `sequence` counts changes (the calendar event's SEQUENCE); a cancelled window stays listed
-- with its reason and no longer counts as maintenance anywhere.
ALTER TABLE maintenance_windows
  ADD COLUMN series_id     uuid REFERENCES maintenance_series (id),
  ADD COLUMN status        text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  ADD COLUMN cancelled_at  timestamptz,
  ADD COLUMN cancel_reason text CHECK (cancel_reason IS NULL OR length(cancel_reason) BETWEEN 1 AND 2000),
  ADD COLUMN sequence      integer NOT NULL DEFAULT 0 CHECK (sequence >= 0),
  ADD COLUMN declared_by   text,
  ADD COLUMN updated_at    timestamptz,
  ADD CONSTRAINT maintenance_cancelled_has_reason CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL));
CREATE INDEX maintenance_windows_series ON maintenance_windows (series_id) WHERE series_id IS NOT NULL;

-- Like the windows, the agency's own planning: every signed-in reader may see it (no tenant column).
GRANT SELECT, INSERT, UPDATE ON maintenance_series TO kopa_app;
GRANT UPDATE ON maintenance_windows TO kopa_app;
GRANT DELETE ON maintenance_window_services TO kopa_app;

-- Incidents on the status page: what operators tell everyone about a disruption, update by update.
-- They describe shared services, not one municipality's data, so they are readable by all.
CREATE TABLE incidents (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  impact       text NOT NULL CHECK (impact IN ('minor', 'major', 'critical')),
  status       text NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
  started_at   timestamptz NOT NULL,
  resolved_at  timestamptz CHECK (resolved_at IS NULL OR resolved_at >= started_at),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text NOT NULL,
  CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX incidents_open ON incidents (started_at DESC) WHERE resolved_at IS NULL;
CREATE INDEX incidents_time ON incidents (started_at DESC);

CREATE TABLE incident_services (
  incident_id  uuid NOT NULL REFERENCES incidents(id),
  service_id   uuid NOT NULL REFERENCES services(id),
  PRIMARY KEY (incident_id, service_id)
);
CREATE INDEX incident_services_service ON incident_services (service_id);

CREATE TABLE incident_updates (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id  uuid NOT NULL REFERENCES incidents(id),
  status       text NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
  message      text NOT NULL CHECK (length(message) BETWEEN 1 AND 5000),
  at           timestamptz NOT NULL,
  author       text NOT NULL
);
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, at);

-- Updates are a record of what was said: never edited or deleted.
GRANT SELECT, INSERT, UPDATE ON incidents TO kopa_app;
GRANT SELECT, INSERT ON incident_services, incident_updates TO kopa_app;

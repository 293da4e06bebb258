import { FieldErrors } from '../errors.js';

export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'tls', 'push'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

/** The longest run of failures a monitor may ask for before an outage is confirmed. */
export const MAX_FAILURES_TO_CONFIRM = 20;
/** Each location's newest results that any monitor's state now can need (its longest run and one more); migration 031 keeps as many. */
export const LATEST_RESULTS_KEPT = MAX_FAILURES_TO_CONFIRM + 1;

export interface Monitor {
  id: string;
  serviceId: string;
  /** Set for a municipality's own instance; null for the shared service. */
  tenantId: string | null;
  name: string;
  type: MonitorType;
  target: string | null;
  config: Record<string, unknown>;
  intervalSeconds: number;
  timeoutMs: number;
  failuresToConfirm: number;
  critical: boolean;
  locations: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type MonitorFields = Omit<Monitor, 'id' | 'createdAt' | 'updatedAt'>;

const LOCATION = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** What each type needs as its target. */
export function validateMonitor(m: MonitorFields, errors = new FieldErrors()): FieldErrors {
  if (!m.name.trim()) errors.add('name', 'required', 'must not be empty');
  if (!Number.isInteger(m.intervalSeconds) || m.intervalSeconds < 10) errors.add('intervalSeconds', 'too_small', 'must be a whole number of at least 10', { min: 10 });
  if (m.timeoutMs >= m.intervalSeconds * 1000) errors.add('timeoutMs', 'must_be_shorter_than', 'must be shorter than the interval', { other: 'intervalSeconds' });
  if (m.locations.length === 0) errors.add('locations', 'too_few', 'must name at least one location', { min: 1 });
  m.locations.forEach((l, i) => {
    if (!LOCATION.test(l)) errors.add(`locations[${i}]`, 'invalid_identifier', 'must be a short lowercase name such as lvrtc or lnb');
  });
  if (new Set(m.locations).size !== m.locations.length) errors.add('locations', 'duplicate', 'must not repeat a location');
  const target = m.target ?? '';
  switch (m.type) {
    case 'http':
      if (!/^https?:\/\/[^\s]+$/.test(target)) errors.add('target', 'invalid_url', 'must be an http(s) URL');
      break;
    case 'tcp':
      if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(target)) errors.add('target', 'invalid_host_port', 'must be host:port');
      break;
    case 'dns':
    case 'tls':
      if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(target)) errors.add('target', 'invalid_host', 'must be a host name');
      break;
    case 'push':
      if (m.target) errors.add('target', 'push_monitor_has_no_target', 'a push monitor has no target: the monitored system calls Kopa');
      break;
  }
  return errors;
}

export interface ResultInput {
  at: string;
  ok: boolean;
  latencyMs?: number | undefined;
  location?: string | undefined;
  error?: string | undefined;
}

/** Checks a batch against the monitor; returns the rows to store or the problems by index. */
export function checkResults(monitor: Pick<Monitor, 'locations'>, results: ResultInput[], now: number): { rows: { at: Date; ok: boolean; latencyMs: number | null; location: string; error: string | null }[]; errors: FieldErrors } {
  const errors = new FieldErrors();
  const rows = results.map((r, i) => {
    const at = Date.parse(r.at);
    if (Number.isNaN(at) || !/Z$|[+-]\d\d:\d\d$/.test(r.at)) errors.add(`results[${i}].at`, 'invalid_instant', 'must be an ISO-8601 instant with a zone');
    else if (at > now + 5 * 60_000) errors.add(`results[${i}].at`, 'in_future', 'is in the future');
    const location = r.location ?? monitor.locations[0]!;
    if (!monitor.locations.includes(location)) errors.add(`results[${i}].location`, 'unknown_location', `must be one of the monitor's locations: ${monitor.locations.join(', ')}`, { allowed: monitor.locations.join(', ') });
    if (r.latencyMs !== undefined && (!Number.isInteger(r.latencyMs) || r.latencyMs < 0)) errors.add(`results[${i}].latencyMs`, 'not_integer', 'must be a whole number of milliseconds');
    return { at: new Date(at), ok: r.ok, latencyMs: r.latencyMs ?? null, location, error: r.error?.slice(0, 500) ?? null };
  });
  return { rows, errors };
}

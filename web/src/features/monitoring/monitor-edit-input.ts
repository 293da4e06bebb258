import { INITIAL_MONITOR, toMonitorInput, type MonitorValues } from './monitor-input';
import type { Monitor, MonitorChanges } from './queries';

/** A saved monitor as the form holds it (text as it would be typed). */
export function monitorValues(m: Monitor): MonitorValues {
  const c = m.config;
  const status = c.expectedStatus === undefined ? '' : Array.isArray(c.expectedStatus) ? c.expectedStatus.join(', ') : String(c.expectedStatus);
  return {
    ...INITIAL_MONITOR,
    serviceId: m.serviceId,
    tenantId: m.tenantId ?? '',
    name: m.name,
    type: m.type,
    target: m.target ?? '',
    intervalSeconds: String(m.intervalSeconds),
    timeoutMs: String(m.timeoutMs),
    failuresToConfirm: String(m.failuresToConfirm),
    critical: m.critical,
    locations: m.locations.join(', '),
    method: c.method ?? 'GET',
    expectedStatus: status,
    keyword: c.keyword ?? '',
    jsonPath: c.jsonPath ?? '',
    jsonExpected: c.jsonExpected === undefined ? '' : typeof c.jsonExpected === 'string' ? c.jsonExpected : JSON.stringify(c.jsonExpected),
    maxLatencyMs: c.maxLatencyMs === undefined ? '' : String(c.maxLatencyMs),
    certExpiryDays: String(c.certExpiryDays ?? 14),
    allowInvalidCertificate: c.allowInvalidCertificate ?? false,
    recordType: c.recordType ?? 'A',
    expected: c.expected ?? '',
    servers: (c.servers ?? []).join(', '),
  };
}

/** What the edit form sends: every field that may change (headers set through the API are kept). */
export function monitorChanges(values: MonitorValues, monitor: Monitor): MonitorChanges {
  const input = toMonitorInput(values);
  const headers = monitor.config.headers;
  return {
    name: input.name,
    ...(monitor.type !== 'push' && { target: input.target }),
    timeoutMs: Number(values.timeoutMs),
    critical: values.critical,
    locations: input.locations,
    config: { ...(headers && { headers }), ...input.config },
  };
}

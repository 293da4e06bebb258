import type { TFunction } from 'i18next';
import type { FieldError } from '../../api/problem';
import { isWholeNumber } from '../../validation';
import type { DNS_RECORD_TYPES, HTTP_METHODS, MonitorConfig, MonitorInput, MonitorType } from './queries';

/** What the monitor form holds: text as typed, converted only when sent. */
export interface MonitorValues {
  serviceId: string;
  /** '' for the shared service, otherwise the municipality whose own instance it watches. */
  tenantId: string;
  name: string;
  type: MonitorType;
  target: string;
  intervalSeconds: string;
  timeoutMs: string;
  failuresToConfirm: string;
  critical: boolean;
  locations: string;
  method: (typeof HTTP_METHODS)[number];
  expectedStatus: string;
  keyword: string;
  jsonPath: string;
  jsonExpected: string;
  maxLatencyMs: string;
  certExpiryDays: string;
  allowInvalidCertificate: boolean;
  recordType: (typeof DNS_RECORD_TYPES)[number];
  expected: string;
  servers: string;
}

export const INITIAL_MONITOR: MonitorValues = {
  serviceId: '',
  tenantId: '',
  name: '',
  type: 'http',
  target: '',
  intervalSeconds: '60',
  timeoutMs: '',
  failuresToConfirm: '2',
  critical: true,
  locations: 'local',
  method: 'GET',
  expectedStatus: '',
  keyword: '',
  jsonPath: '',
  jsonExpected: '',
  maxLatencyMs: '',
  certExpiryDays: '14',
  allowInvalidCertificate: false,
  recordType: 'A',
  expected: '',
  servers: '',
};

const TARGET: Record<Exclude<MonitorType, 'push'>, RegExp> = {
  http: /^https?:\/\/\S+$/,
  tcp: /^[A-Za-z0-9.-]+:\d{1,5}$/,
  dns: /^[A-Za-z0-9.-]+(:\d{1,5})?$/,
  tls: /^[A-Za-z0-9.-]+(:\d{1,5})?$/,
};
const LOCATION = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The same checks the server makes, so most mistakes show before sending. */
export function monitorProblems(v: MonitorValues, t: TFunction): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!v.serviceId) add('serviceId', t('validation.chooseOneService'));
  if (!v.name.trim()) add('name', t('validation.required'));
  if (v.type !== 'push' && !TARGET[v.type].test(v.target.trim())) add('target', t(`monitorForm.targetInvalid.${v.type}`));
  if (!isWholeNumber(v.intervalSeconds, 10, 86_400)) add('intervalSeconds', t('validation.wholeNumber', { min: 10, max: 86_400 }));
  if (v.timeoutMs.trim()) {
    if (!isWholeNumber(v.timeoutMs, 100, 120_000)) add('timeoutMs', t('validation.wholeNumber', { min: 100, max: 120_000 }));
    else if (isWholeNumber(v.intervalSeconds, 10) && Number(v.timeoutMs) >= Number(v.intervalSeconds) * 1000) add('timeoutMs', t('monitorForm.timeoutTooLong'));
  }
  if (!isWholeNumber(v.failuresToConfirm, 1, 20)) add('failuresToConfirm', t('validation.wholeNumber', { min: 1, max: 20 }));
  const locations = list(v.locations);
  if (locations.length === 0 || locations.length > 10 || !locations.every((l) => LOCATION.test(l)) || new Set(locations).size !== locations.length) add('locations', t('monitorForm.locationsInvalid'));
  if (v.type === 'http') {
    if (v.expectedStatus.trim() && !list(v.expectedStatus).every((s) => isWholeNumber(s, 100, 599))) add('config.expectedStatus', t('monitorForm.statusInvalid'));
    if (v.maxLatencyMs.trim() && !isWholeNumber(v.maxLatencyMs, 1, 120_000)) add('config.maxLatencyMs', t('validation.wholeNumber', { min: 1, max: 120_000 }));
    if (v.jsonExpected.trim() && !v.jsonPath.trim()) add('config.jsonPath', t('monitorForm.jsonPathNeeded'));
  }
  if ((v.type === 'http' || v.type === 'tls') && !isWholeNumber(v.certExpiryDays, 0, 365)) add('config.certExpiryDays', t('validation.wholeNumber', { min: 0, max: 365 }));
  return problems;
}

/** "true", "false", numbers and "null" are JSON values; anything else is text. */
function jsonValue(text: string): string | number | boolean | null {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function configOf(v: MonitorValues): MonitorConfig {
  const optional = (text: string) => text.trim() || undefined;
  const certificate = { certExpiryDays: Number(v.certExpiryDays), ...(v.allowInvalidCertificate && { allowInvalidCertificate: true }) };
  switch (v.type) {
    case 'http': {
      const statuses = list(v.expectedStatus).map(Number);
      return {
        method: v.method,
        ...(statuses.length > 0 && { expectedStatus: statuses.length === 1 ? statuses[0] : statuses }),
        ...(optional(v.keyword) && { keyword: v.keyword.trim() }),
        ...(optional(v.jsonPath) && { jsonPath: v.jsonPath.trim() }),
        ...(optional(v.jsonExpected) && { jsonExpected: jsonValue(v.jsonExpected.trim()) }),
        ...(optional(v.maxLatencyMs) && { maxLatencyMs: Number(v.maxLatencyMs) }),
        ...certificate,
      };
    }
    case 'tls':
      return certificate;
    case 'dns':
      return { recordType: v.recordType, ...(optional(v.expected) && { expected: v.expected.trim() }), ...(list(v.servers).length > 0 && { servers: list(v.servers) }) };
    default:
      return {};
  }
}

export function toMonitorInput(v: MonitorValues): MonitorInput {
  return {
    serviceId: v.serviceId,
    tenantId: v.tenantId || null,
    name: v.name.trim(),
    type: v.type,
    target: v.type === 'push' ? null : v.target.trim(),
    intervalSeconds: Number(v.intervalSeconds),
    ...(v.timeoutMs.trim() && { timeoutMs: Number(v.timeoutMs) }),
    failuresToConfirm: Number(v.failuresToConfirm),
    critical: v.critical,
    locations: list(v.locations),
    config: configOf(v),
  };
}

/** Server paths ("config.method", "locations[1]", "locations.1") → the form's input ids. */
export function monitorFieldId(field: string): string {
  if (field.startsWith('locations')) return 'monitor-locations';
  if (field === 'type') return 'monitor-type-http';
  return `monitor-${field.replace(/\[\d+\]|\.\d+$/, '').replace('.', '-')}`;
}

import { FieldErrors } from '../errors.js';

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_IMPACTS = ['minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export interface IncidentUpdate {
  id: string;
  status: IncidentStatus;
  message: string;
  at: string;
  author: string;
}

export interface Incident {
  id: string;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  serviceIds: string[];
  startedAt: string;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  updates: IncidentUpdate[];
}

/** A new incident names what is affected and says something first. */
export function checkNewIncident(input: { title: string; serviceIds: string[]; message: string; startedAt: number; now: number }): FieldErrors {
  const errors = new FieldErrors();
  if (!input.title.trim()) errors.add('title', 'required', 'must not be empty');
  if (!input.message.trim()) errors.add('message', 'required', 'must not be empty');
  if (input.serviceIds.length === 0) errors.add('serviceIds', 'too_few', 'must name at least one service', { min: 1 });
  if (new Set(input.serviceIds).size !== input.serviceIds.length) errors.add('serviceIds', 'duplicate', 'must list each service once');
  if (input.startedAt > input.now + 60_000) errors.add('startedAt', 'in_future', 'cannot be in the future');
  return errors;
}

/**
 * Any open status may follow any other (findings come in any order); a resolved incident
 * stays resolved — a recurrence is a new incident, so the record of the first one holds.
 */
export const canUpdate = (current: IncidentStatus): boolean => current !== 'resolved';

export function checkUpdate(next: IncidentStatus, message: string): FieldErrors {
  const errors = new FieldErrors();
  if (!message.trim()) errors.add('message', 'required', 'must not be empty');
  if (!(INCIDENT_STATUSES as readonly string[]).includes(next)) errors.add('status', 'not_one_of', `must be one of ${INCIDENT_STATUSES.join(', ')}`, { allowed: INCIDENT_STATUSES.join(', ') });
  return errors;
}

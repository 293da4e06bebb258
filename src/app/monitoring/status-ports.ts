/** What the status page and incident use cases need from the store (`Store['incidents']`). */
import type { Incident, IncidentImpact, IncidentStatus, IncidentUpdate } from '../../domain/status/incident.js';
import type { Tx } from '../shared/transaction.js';

export interface IncidentStore {
  insert(tx: Tx, incident: { title: string; impact: IncidentImpact; status: IncidentStatus; serviceIds: string[]; startedAt: string; createdBy: string }, now: Date): Promise<Incident>;
  get(tx: Tx, id: string): Promise<Incident | null>;
  /** Locks the incident so concurrent updates apply one after the other. */
  getForUpdate(tx: Tx, id: string): Promise<Incident | null>;
  addUpdate(tx: Tx, incidentId: string, update: Omit<IncidentUpdate, 'id'>): Promise<void>;
  setStatus(tx: Tx, incidentId: string, status: IncidentStatus, resolvedAt: string | null, now: Date): Promise<void>;
  /** Open incidents, and those resolved since `resolvedSince`, newest first. */
  list(tx: Tx, filter: { resolvedSince?: Date | undefined; serviceId?: string | undefined; limit: number }): Promise<Incident[]>;
}

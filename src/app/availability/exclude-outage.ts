import type { Actor } from '../../domain/actor.js';
import { FieldErrors, notFound, validationError, fieldError, stateProblem } from '../../domain/errors.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { AvailabilityDeps, SlaExclusionRecord } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

export interface ExclusionInput {
  serviceId: string;
  tenantId?: string | null | undefined;
  startsAt: string;
  endsAt: string;
  reason: string;
}

/**
 * An operator excludes an outage from the SLA (a probe fault, force majeure): confirmed downtime
 * of the service in [startsAt, endsAt) then counts as neither up nor down. Audited, and every
 * report it touches lists it with its reason.
 */
export async function excludeOutage(deps: AvailabilityDeps, actor: Actor, input: ExclusionInput): Promise<SlaExclusionRecord> {
  requirePermission(actor, 'sla_exclusions.write');
  const errors = new FieldErrors();
  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  const reason = input.reason.trim();
  if (Number.isNaN(startsAt)) errors.add('startsAt', 'invalid_instant', 'must be an ISO-8601 instant');
  else if (startsAt > deps.clock.now().getTime()) errors.add('startsAt', 'in_future', 'cannot be in the future: only an outage that happened can be excluded');
  if (Number.isNaN(endsAt)) errors.add('endsAt', 'invalid_instant', 'must be an ISO-8601 instant');
  else if (!Number.isNaN(startsAt) && endsAt <= startsAt) errors.add('endsAt', 'must_be_after', 'must be after startsAt', { other: 'startsAt' });
  if (!reason) errors.add('reason', 'required', 'must say why the outage does not count');
  errors.throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const found = new FieldErrors();
    if (!(await deps.store.services.get(tx, input.serviceId))) found.add('serviceId', 'unknown_service', 'is not a service in the catalogue');
    if (input.tenantId && !(await deps.store.tenants.get(tx, input.tenantId))) found.add('tenantId', 'unknown_tenant', 'is not a known municipality');
    found.throwIfAny();
    const exclusion = await deps.store.slaExclusions.insert(tx, {
      serviceId: input.serviceId,
      tenantId: input.tenantId ?? null,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      reason,
      createdBy: actor.label,
    });
    await recordAudit(deps, tx, actor, { action: 'sla_exclusion.created', entityType: 'sla_exclusion', entityId: exclusion.id, tenantId: exclusion.tenantId, after: exclusion });
    return exclusion;
  });
}

/** Exclusions overlapping [from, to); a municipality sees the ones that apply to it. */
export async function listExclusions(deps: AvailabilityDeps, actor: Actor, from: Date, to: Date, serviceId?: string): Promise<SlaExclusionRecord[]> {
  requirePermission(actor, 'sla_reports.read');
  if (to <= from) throw validationError('to', 'must_be_after', 'must be after from', { other: 'from' });
  return deps.store.run(scopeOf(actor), (tx) => deps.store.slaExclusions.overlapping(tx, from, to, { serviceId, tenantId: actor.tenantId ?? undefined }));
}

/**
 * Withdraws a mistaken exclusion, with a reason: live reports count the outage again. Published
 * reports stay frozen; the month's next correction brings the change, saying what changed.
 */
export async function withdrawExclusion(deps: AvailabilityDeps, actor: Actor, exclusionId: string, reason: string): Promise<SlaExclusionRecord> {
  requirePermission(actor, 'sla_exclusions.write');
  const why = reason.trim();
  if (!why) throw validationError('reason', 'required', 'must say why the exclusion is withdrawn');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.slaExclusions.getForUpdate(tx, exclusionId);
    if (!before) throw notFound('SLA exclusion');
    if (before.withdrawal) throw stateProblem('invalid_state', 'exclusion_withdrawn', { at: before.withdrawal.at }, `The exclusion was already withdrawn on ${before.withdrawal.at}`, [fieldError('id', 'already_done', 'is already withdrawn')]);
    const after = await deps.store.slaExclusions.withdraw(tx, exclusionId, { at: deps.clock.now(), by: actor.label, reason: why });
    await recordAudit(deps, tx, actor, { action: 'sla_exclusion.withdrawn', entityType: 'sla_exclusion', entityId: exclusionId, tenantId: after.tenantId, before, after });
    return after;
  });
}

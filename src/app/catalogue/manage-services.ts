import type { Actor } from '../../domain/actor.js';
import { DEFAULT_ZONE, localDateOf } from '../../domain/calendar/local-time.js';
import { KopaError, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { validateService, validateSubscription, type Service, type ServiceFields, type Subscription } from '../../domain/service.js';
import { requirePermission, requireTenantAccess, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import { recordAudit } from '../audit/record-audit.js';
import type { CatalogueDeps } from './ports.js';

export async function listServices(deps: CatalogueDeps, actor: Actor): Promise<Service[]> {
  requirePermission(actor, 'services.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.services.list(tx));
}

export async function getService(deps: CatalogueDeps, actor: Actor, serviceId: string): Promise<Service> {
  requirePermission(actor, 'services.read');
  const service = await deps.store.run(scopeOf(actor), (tx) => deps.store.services.get(tx, serviceId));
  if (!service) throw notFound('Service');
  return service;
}

export async function createService(deps: CatalogueDeps, actor: Actor, fields: ServiceFields): Promise<Service> {
  requirePermission(actor, 'services.write');
  validateService(fields).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (await deps.store.services.findByCode(tx, fields.code)) {
      throw stateProblem('conflict', 'code_taken', { code: fields.code }, `A service with code ${fields.code} exists`, [fieldError('code', 'not_unique', 'is already used')]);
    }
    const service = await deps.store.services.insert(tx, fields);
    await recordAudit(deps, tx, actor, { action: 'service.created', entityType: 'service', entityId: service.id, tenantId: null, after: service });
    return service;
  });
}

export async function updateService(deps: CatalogueDeps, actor: Actor, serviceId: string, changes: Partial<ServiceFields>): Promise<Service> {
  requirePermission(actor, 'services.write');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.services.get(tx, serviceId);
    if (!before) throw notFound('Service');
    const { id: _id, createdAt: _c, updatedAt: _u, ...current } = before;
    const fields: ServiceFields = { ...current, ...changes, name: { ...current.name, ...changes.name } };
    validateService(fields).throwIfAny();
    if (fields.code !== before.code && (await deps.store.services.findByCode(tx, fields.code))) {
      throw stateProblem('conflict', 'code_taken', { code: fields.code }, `A service with code ${fields.code} exists`, [fieldError('code', 'not_unique', 'is already used')]);
    }
    const after = await deps.store.services.update(tx, serviceId, fields, deps.clock.now());
    await recordAudit(deps, tx, actor, { action: 'service.updated', entityType: 'service', entityId: serviceId, tenantId: null, before, after });
    return after;
  });
}

export async function listSubscriptions(deps: CatalogueDeps, actor: Actor, tenantId: string): Promise<Subscription[]> {
  requirePermission(actor, 'subscriptions.read');
  requireTenantAccess(actor, tenantId);
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    return deps.store.subscriptions.list(tx, tenantFilterOf(actor) ?? tenantId);
  });
}

/** A municipality starts using a service, shared or as its own instance, from a date (default today in Riga). */
export async function subscribe(deps: CatalogueDeps, actor: Actor, tenantId: string, input: { serviceId: string; from?: string | undefined; to?: string | null | undefined; mode?: Subscription['mode'] | undefined }): Promise<Subscription> {
  requirePermission(actor, 'subscriptions.write');
  requireTenantAccess(actor, tenantId);
  const from = input.from ?? localDateOf(DEFAULT_ZONE, deps.clock.now().getTime());
  const to = input.to ?? null;
  validateSubscription(from, to).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    if (!(await deps.store.services.get(tx, input.serviceId))) {
      throw new KopaError('validation', 'serviceId: no such service', [fieldError('serviceId', 'unknown_service', 'is not a service in the catalogue')]);
    }
    if ((await deps.store.subscriptions.overlapping(tx, tenantId, input.serviceId, from, to)).length > 0) {
      throw stateProblem('conflict', 'service_subscribed', {}, 'The municipality already uses this service in that period', [fieldError('serviceId', 'overlaps', 'already subscribed for an overlapping period')]);
    }
    const subscription = await deps.store.subscriptions.insert(tx, { tenantId, serviceId: input.serviceId, mode: input.mode ?? 'shared', from, to });
    await recordAudit(deps, tx, actor, { action: 'subscription.created', entityType: 'subscription', entityId: subscription.id, tenantId, after: subscription });
    return subscription;
  });
}

/** Sets or clears the last day a municipality uses a service (reports and bills stop after it). */
export async function endSubscription(deps: CatalogueDeps, actor: Actor, tenantId: string, subscriptionId: string, to: string | null): Promise<Subscription> {
  requirePermission(actor, 'subscriptions.write');
  requireTenantAccess(actor, tenantId);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = (await deps.store.subscriptions.list(tx, tenantId)).find((s) => s.id === subscriptionId);
    if (!before) throw notFound('Subscription');
    validateSubscription(before.from, to).throwIfAny();
    const others = (await deps.store.subscriptions.overlapping(tx, tenantId, before.serviceId, before.from, to)).filter((s) => s.id !== subscriptionId);
    if (others.length > 0) throw stateProblem('conflict', 'subscription_overlap', {}, 'The new end would overlap a later subscription to the same service', [fieldError('to', 'overlaps', 'overlaps a later subscription to the same service')]);
    const after = (await deps.store.subscriptions.setEnd(tx, tenantId, subscriptionId, to))!;
    await recordAudit(deps, tx, actor, { action: 'subscription.changed', entityType: 'subscription', entityId: subscriptionId, tenantId, before, after });
    return after;
  });
}

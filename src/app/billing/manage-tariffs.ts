import type { Actor } from '../../domain/actor.js';
import { placeTariff, validateTariff, type Tariff, type TariffInput } from '../../domain/billing/catalogue.js';
import { FieldErrors, KopaError, fieldError, stateProblem } from '../../domain/errors.js';
import { isLocalDate } from '../../domain/local-date.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { BillingDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

export interface TariffFilter {
  provider?: string | undefined;
  resource?: string | undefined;
  /** Only tariffs in force on this local date. */
  on?: string | undefined;
}

export async function listTariffs(deps: BillingDeps, actor: Actor, filter: TariffFilter = {}): Promise<Tariff[]> {
  requirePermission(actor, 'tariffs.read');
  if (filter.on !== undefined && !isLocalDate(filter.on)) throw new KopaError('validation', 'on: must be a date YYYY-MM-DD', [fieldError('on', 'invalid_date', 'must be a date YYYY-MM-DD')]);
  return deps.store.run(scopeOf(actor), (tx) => deps.store.billing.tariffs.list(tx, filter));
}

/**
 * Adds a provider's price for a resource from a local date. The open-ended tariff that
 * starts before it is closed on that date; any other overlap is refused, naming the tariff.
 */
export async function createTariff(deps: BillingDeps, actor: Actor, input: TariffInput): Promise<Tariff> {
  requirePermission(actor, 'tariffs.write');
  validateTariff(input).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const errors = new FieldErrors();
    const resource = await deps.store.billing.resources.get(tx, input.resource);
    if (!(await deps.store.billing.providers.get(tx, input.provider))) errors.add('provider', 'unknown_provider', 'is not a known provider');
    if (!resource) errors.add('resource', 'unknown_resource', 'is not a known resource');
    else if (!resource.billable) errors.add('resource', 'not_priced', `${resource.code} is an allocation driver and is not priced`, { resource: resource.code });
    errors.throwIfAny();

    const existing = await deps.store.billing.tariffs.forUpdate(tx, input.provider, input.resource);
    const { close, conflicts } = placeTariff(existing, input);
    if (conflicts.length > 0) {
      const c = conflicts[0]!;
      const period = `${c.validFrom} – ${c.validTo ?? 'open-ended'}`;
      throw stateProblem(
        'conflict',
        'tariff_overlap',
        { provider: input.provider, resource: input.resource, validFrom: c.validFrom, validTo: c.validTo ?? '', tariffId: c.id },
        `The tariff overlaps the ${input.provider} ${input.resource} tariff valid ${period} (id ${c.id})`,
        [fieldError('validFrom', 'overlaps', `overlaps the tariff valid ${period}`, { validFrom: c.validFrom, validTo: c.validTo ?? '' })],
      );
    }
    if (close) {
      const closed = await deps.store.billing.tariffs.close(tx, close.id, input.validFrom);
      await recordAudit(deps, tx, actor, { action: 'tariff.closed', entityType: 'tariff', entityId: close.id, tenantId: null, before: close, after: closed });
    }
    const tariff = await deps.store.billing.tariffs.insert(tx, {
      provider: input.provider,
      resource: input.resource,
      unitPrice: input.unitPrice,
      currency: 'EUR',
      validFrom: input.validFrom,
      validTo: input.validTo,
      createdBy: actor.label,
    });
    await recordAudit(deps, tx, actor, { action: 'tariff.created', entityType: 'tariff', entityId: tariff.id, tenantId: null, after: tariff });
    return tariff;
  });
}

import type { Actor } from '../../domain/actor.js';
import { forecast, type ForecastScenario } from '../../domain/billing/forecast.js';
import { localDateOf } from '../../domain/calendar/local-time.js';
import { addMonths, monthOf } from '../../domain/calendar/month.js';
import { fieldError, stateProblem } from '../../domain/errors.js';
import { formatCents } from '../../domain/money.js';
import { requirePermission } from '../shared/authorize.js';
import { computeMonth } from './compute-billing-run.js';
import { checkMonth } from '../../domain/calendar/month.js';
import type { BillingDeps } from './ports.js';
import { SYSTEM } from '../shared/transaction.js';
import { BILLING_ZONE } from './billing-zone.js';


/**
 * The agency's five-year outlook from a base month (default: last month): that month's hosting,
 * users and pools, projected by the scenario. Amounts are yearly and without VAT.
 */
export async function forecastCosts(deps: BillingDeps, actor: Actor, baseMonth: string | undefined, scenario: ForecastScenario) {
  requirePermission(actor, 'forecast.read');
  const month = baseMonth ?? addMonths(monthOf(localDateOf(BILLING_ZONE, deps.clock.now().getTime())), -1);
  checkMonth(month);
  const base = await deps.store.run(SYSTEM, (tx) => computeMonth(deps, tx, month));
  const municipalities = base.tenants.map((t) => ({ id: t.id, name: t.name, registrationNumber: t.registrationNumber, users: Number(t.activeUsers ?? '0'), monthlyHostingCents: base.statements.find((s) => s.tenantId === t.id)?.hostingCents ?? 0n }));
  if (municipalities.length === 0) throw stateProblem('invalid_state', 'no_municipality_under_agreement', { month }, `No municipality has an agreement in force in ${month}`, [fieldError('baseMonth', 'no_municipality_under_agreement', 'has no municipality under agreement')]);
  if (municipalities.every((m) => m.users === 0) && base.poolCents > 0n) throw stateProblem('invalid_state', 'no_active_users', { month }, `No active users were reported for ${month}, so the pools cannot be split`, [fieldError('baseMonth', 'no_active_users', 'has no active_users reported')]);
  const years = forecast({ year: Number(month.slice(0, 4)), municipalities, monthlyPoolCents: base.poolCents }, scenario);
  return {
    baseMonth: month,
    scenario,
    base: { municipalities: municipalities.length, users: municipalities.reduce((s, m) => s + m.users, 0), monthlyPool: formatCents(base.poolCents), monthlyHosting: formatCents(municipalities.reduce((s, m) => s + m.monthlyHostingCents, 0n)) },
    years: years.map((y) => ({
      year: y.year,
      municipalities: y.municipalities,
      totalUsers: y.totalUsers,
      administrationPool: formatCents(y.administrationPoolCents),
      lines: y.lines.map((l) => ({ tenantId: l.id, name: l.name, joining: l.joining, users: l.users, hosting: formatCents(l.hostingCents), administration: formatCents(l.administrationCents), total: formatCents(l.totalCents) })),
    })),
  };
}

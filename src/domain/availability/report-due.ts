import { addMonths, firstDayOf } from '../calendar/month.js';
import type { Subscription } from '../service.js';

/**
 * A municipality gets a month's availability report when it used a service in that month: a
 * subscription that began before the month ended and had not ended before it began.
 */
export function usedServiceIn(subscription: Pick<Subscription, 'from' | 'to'>, month: string): boolean {
  return subscription.from < firstDayOf(addMonths(month, 1)) && (subscription.to === null || subscription.to >= firstDayOf(month));
}

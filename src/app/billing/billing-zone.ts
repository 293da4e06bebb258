import { DEFAULT_ZONE } from '../../domain/calendar/local-time.js';

/**
 * The zone of billing months, usage months and the seller's dates. One run covers every
 * municipality and one invoice series, so billing keeps the seller's zone (the default
 * calendar's) rather than each municipality's; docs/definitions.md, "Month of a record".
 */
export const BILLING_ZONE = DEFAULT_ZONE;

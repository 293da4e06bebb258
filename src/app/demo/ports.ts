/**
 * What the demo data needs: it is made through the use cases of every feature it fills
 * (ADR 0007), so it needs what each of them does.
 */
import type { BillingDeps } from '../billing/ports.js';
import type { CatalogueDeps } from '../catalogue/ports.js';
import type { DeskDeps } from '../desk/ports.js';
import type { IdentityDeps } from '../identity/ports.js';
import type { MonitoringDeps } from '../monitoring/ports.js';
import type { MunicipalityDeps } from '../municipalities/ports.js';

/** The months of tickets, monitoring and billing behind the demo municipalities. */
export type DemoHistoryDeps = DeskDeps & MonitoringDeps & BillingDeps;

/** The demo municipalities, their people and services, and their history. */
export type DemoDeps = DemoHistoryDeps & MunicipalityDeps & IdentityDeps & CatalogueDeps;

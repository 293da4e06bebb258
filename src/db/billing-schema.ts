// Generated table types (ADR 0013), under the names the repositories import.
export type {
  BillingProviders as BillingProvidersTable,
  BillingResources as BillingResourcesTable,
  CostPools as CostPoolsTable,
  Tariffs as TariffsTable,
} from './generated/database.js';

/** Billing shapes as the API sends them; money is always a decimal string ("1234.50"). */
import type { FieldError } from './api/problem';
export type Driver = 'active_users' | 'even' | 'hosting_cost';
export const DRIVERS: Driver[] = ['active_users', 'even', 'hosting_cost'];

export interface Provider {
  code: string;
  name: string;
}

export interface BillingResource {
  code: string;
  name: string;
  unit: string;
  /** UN/ECE Recommendation 20 code used on invoice lines. */
  unitCode: string;
  kind: 'sum' | 'gauge';
  billable: boolean;
}

export interface Tariff {
  id: string;
  provider: string;
  resource: string;
  unitPrice: string;
  currency: 'EUR';
  validFrom: string;
  validTo: string | null;
}

export interface CostPool {
  id: string;
  month: string;
  amount: string;
  currency: 'EUR';
  description: string;
  driver: Driver;
}

export interface UsageRecord {
  id: string;
  tenantId: string;
  provider: string;
  resource: string;
  quantity: string;
  periodStart: string;
  periodEnd: string;
}

/** One municipality's usage of one resource at one provider in a month: sums added up, gauges at their last value. */
export interface MonthlyUsage {
  month: string;
  provider: string;
  resource: string;
  /** Exact decimal. */
  quantity: string;
  records: number;
}

export interface UsageReport {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id: string | null; errors: FieldError[] }[];
}

export interface StatementLine {
  kind: 'hosting' | 'administration';
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  explanation: string;
}

export interface Statement {
  tenantId: string;
  tenantName: string;
  lines: StatementLine[];
  net: string;
  vat: string;
  vatRate: string;
  total: string;
  currency: 'EUR';
  invoiceIds: string[];
  previousMonth: { net: string; total: string } | null;
}

export interface RunSummary {
  id: string;
  month: string;
  kind: 'regular' | 'correction';
  status: 'draft' | 'finalized';
  problems: { field: string; message: string }[];
  computedAt: string;
  createdAt: string;
  finalizedAt: string | null;
}

export interface Run extends RunSummary {
  statements: Statement[];
}

export interface FinalizedInvoice {
  id: string;
  number: string;
  tenantId: string;
  kind: 'invoice' | 'credit_note';
  total: string;
}

export interface Invoice {
  id: string;
  tenantId: string;
  kind: 'invoice' | 'credit_note';
  number: string;
  month: string;
  issueDate: string;
  dueDate: string;
  net: string;
  vat: string;
  total: string;
  correctsInvoiceId: string | null;
}

export interface Seller {
  name: string;
  registrationNumber: string;
  vatNumber: string | null;
  address: { street: string; city: string; postalCode: string; country: string };
  iban: string;
  bic: string | null;
  email: string | null;
  paymentTermsDays: number;
  invoiceSeries: string;
}

export interface MonthStatement {
  month: string;
  statement: Statement | null;
}

/** What the agency's forecast assumes; absent values take the server's defaults. */
export interface ForecastQuery {
  /** YYYY-MM; by default the month that ended last. */
  baseMonth?: string;
  years?: number;
  newMunicipalitiesPerYear?: number;
  newMunicipalityUsers?: number;
  userGrowthPercent?: number;
  tariffChangePercent?: number;
  poolChangePercent?: number;
}

export interface ForecastLine {
  /** Null for a municipality the scenario expects to join. */
  tenantId: string | null;
  name: string;
  /** For a municipality the scenario expects to join: the year and its number among that year's newcomers. */
  joining: { year: number; number: number } | null;
  users: number;
  hosting: string;
  administration: string;
  total: string;
}

export interface ForecastYear {
  year: number;
  municipalities: number;
  totalUsers: number;
  administrationPool: string;
  lines: ForecastLine[];
}

/** The cost outlook; money is yearly, without VAT. */
export interface Forecast {
  baseMonth: string;
  scenario: {
    years: number;
    newMunicipalitiesPerYear: number;
    newMunicipalityUsers?: number;
    userGrowthPercent: number;
    tariffChangePercent: number;
    poolChangePercent: number;
  };
  base: { municipalities: number; users: number; monthlyPool: string; monthlyHosting: string };
  years: ForecastYear[];
}

/** Billing shapes as the API sends them; money is always a decimal string ("1234.50"). */
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

export interface UsageReport {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id: string | null; errors: { field: string; message: string }[] }[];
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

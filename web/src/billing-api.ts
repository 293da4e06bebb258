import { listAll, query, request } from './api';
import { currentLanguage } from './i18n';
import type {
  BillingResource,
  CostPool,
  Driver,
  FinalizedInvoice,
  Forecast,
  ForecastQuery,
  Invoice,
  MonthlyUsage,
  MonthStatement,
  Provider,
  Run,
  RunSummary,
  Seller,
  Tariff,
  UsageRecord,
  UsageReport,
} from './billing-types';

const id = encodeURIComponent;

/** The billing calls the UI makes. */
export const billingApi = {
  providers: (signal?: AbortSignal) => listAll<Provider>('/providers', signal),
  resources: (signal?: AbortSignal) => listAll<BillingResource>('/resources', signal),
  tariffs: {
    list: (signal?: AbortSignal) => listAll<Tariff>('/tariffs', signal),
    create: (input: { provider: string; resource: string; unitPrice: string; currency: 'EUR'; validFrom: string; validTo?: string }) =>
      request<Tariff>('POST', '/tariffs', { body: input }),
  },
  costPools: {
    list: (month: string, signal?: AbortSignal) => listAll<CostPool>(`/cost-pools${query({ month })}`, signal),
    create: (input: { month: string; amount: string; currency: 'EUR'; description: string; driver: Driver }) => request<CostPool>('POST', '/cost-pools', { body: input }),
    update: (poolId: string, changes: { amount: string; description: string; driver: Driver }) => request<CostPool & { monthInvoiced: boolean }>('PATCH', `/cost-pools/${id(poolId)}`, { body: changes }),
    remove: (poolId: string) => request<{ monthInvoiced: boolean }>('DELETE', `/cost-pools/${id(poolId)}`),
  },
  usage: {
    send: (records: UsageRecord[]) => request<UsageReport>('POST', '/usage', { body: { records } }),
    /** One municipality's usage month by month, `from` to `to` included (at most 36 months). */
    monthly: (tenantId: string, from: string, to: string, signal?: AbortSignal) =>
      request<MonthlyUsage[]>('GET', `/tenants/${id(tenantId)}/usage${query({ from, to })}`, { signal }),
  },
  runs: {
    list: (signal?: AbortSignal) => listAll<RunSummary>('/billing-runs', signal),
    get: (runId: string, signal?: AbortSignal) => request<Run>('GET', `/billing-runs/${id(runId)}`, { signal }),
    create: (month: string) => request<Run>('POST', '/billing-runs', { body: { month } }),
    recompute: (runId: string) => request<Run>('POST', `/billing-runs/${id(runId)}/recompute`),
    finalize: (runId: string) => request<{ status: 'finalized'; invoices: FinalizedInvoice[] }>('POST', `/billing-runs/${id(runId)}/finalize`),
  },
  invoices: {
    list: (signal?: AbortSignal, month?: string) => listAll<Invoice>(`/invoices${query({ month })}`, signal),
    listForTenant: (tenantId: string, signal?: AbortSignal) => listAll<Invoice>(`/tenants/${id(tenantId)}/invoices`, signal),
  },
  statements: (tenantId: string, months: string[], signal?: AbortSignal) =>
    request<MonthStatement[]>('GET', `/tenants/${id(tenantId)}/statements${query({ months: months.join(',') })}`, { signal }),
  forecast: (scenario: ForecastQuery, signal?: AbortSignal) => request<Forecast>('GET', `/forecast${query({ ...scenario })}`, { signal }),
  seller: {
    get: (signal?: AbortSignal) => request<Seller>('GET', '/settings/seller', { signal }),
    put: (input: Seller) => request<Seller>('PUT', '/settings/seller', { body: input }),
  },
};

/** Where the browser downloads a municipality's statement for a month as a PDF. */
/** PDFs come in the UI's language (the server's default is the account's language, which a device may override). */
export const statementPdfDownload = (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/statements/${month}/pdf?lang=${currentLanguage()}`;

/** Where the browser downloads an invoice document. */
export const invoiceDownload = (invoiceId: string, format: 'pdf' | 'ubl') => `/api/v1/invoices/${id(invoiceId)}/${format}${format === 'pdf' ? `?lang=${currentLanguage()}` : ''}`;

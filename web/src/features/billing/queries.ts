import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf } from '../../api/client';
import { useQueryResource } from '../../api/resource';
import type { paths } from '../../api/schema';
import { currentLanguage } from '../../i18n';

/** Billing's shapes, generated from the server's OpenAPI (ADR 0012); money is always a decimal string ("1234.50"). */
export type Provider = ResponseOf<'/api/v1/providers', 'get'>['items'][number];
export type BillingResource = ResponseOf<'/api/v1/resources', 'get'>['items'][number];
export type Tariff = ResponseOf<'/api/v1/tariffs', 'get'>['items'][number];
export type TariffInput = BodyOf<'/api/v1/tariffs', 'post'>;
export type CostPool = ResponseOf<'/api/v1/cost-pools', 'get'>['items'][number];
export type CostPoolInput = BodyOf<'/api/v1/cost-pools', 'post'>;
export type CostPoolChanges = BodyOf<'/api/v1/cost-pools/{id}', 'patch'>;
export type SavedCostPool = ResponseOf<'/api/v1/cost-pools/{id}', 'patch'>;
export type Driver = CostPool['driver'];
export type RunSummary = ResponseOf<'/api/v1/billing-runs', 'get'>['items'][number];
export type Run = ResponseOf<'/api/v1/billing-runs/{id}', 'get'>;
export type Statement = Run['statements'][number];
export type StatementLine = Statement['lines'][number];
export type FinalizedInvoice = ResponseOf<'/api/v1/billing-runs/{id}/finalize', 'post'>['invoices'][number];
export type Invoice = ResponseOf<'/api/v1/invoices', 'get'>['items'][number];
export type MonthStatement = ResponseOf<'/api/v1/tenants/{id}/statements', 'get'>[number];
export type Seller = ResponseOf<'/api/v1/settings/seller', 'get'>;
export type SellerInput = BodyOf<'/api/v1/settings/seller', 'put'>;
export type Forecast = ResponseOf<'/api/v1/forecast', 'get'>;
export type ForecastYear = Forecast['years'][number];
export type ForecastLine = ForecastYear['lines'][number];
/** What the agency's forecast assumes; absent values take the server's defaults. */
export type ForecastQuery = NonNullable<paths['/api/v1/forecast']['get']['parameters']['query']>;

export const DRIVERS: readonly Driver[] = ['active_users', 'even', 'hosting_cost'];

const keys = {
  providers: ['billing', 'providers'] as const,
  resources: ['billing', 'resources'] as const,
  tariffs: ['billing', 'tariffs'] as const,
  costPools: (month: string) => ['billing', 'cost-pools', month] as const,
  runs: ['billing', 'runs'] as const,
  run: (id: string) => ['billing', 'runs', id] as const,
  invoices: (month: string | null) => ['billing', 'invoices', month] as const,
  tenantInvoices: (tenantId: string) => ['billing', 'tenant', tenantId, 'invoices'] as const,
  statements: (tenantId: string, months: string[]) => ['billing', 'tenant', tenantId, 'statements', months.join()] as const,
  forecast: (scenario: ForecastQuery) => ['billing', 'forecast', scenario] as const,
  seller: ['billing', 'seller'] as const,
};

const id = encodeURIComponent;

/** Where the browser downloads a municipality's statement for a month as a PDF. */
/** PDFs come in the UI's language (the server's default is the account's language, which a device may override). */
export const statementPdfDownload = (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/statements/${month}/pdf?lang=${currentLanguage()}`;

/** Where the browser downloads an invoice document. */
/** Every PDF and UBL file a finalised run issued, as one ZIP (PDFs in the UI's language). */
export const runDocumentsDownload = (runId: string) => `/api/v1/billing-runs/${id(runId)}/documents.zip?lang=${currentLanguage()}`;
export const invoiceDownload = (invoiceId: string, format: 'pdf' | 'ubl') => `/api/v1/invoices/${id(invoiceId)}/${format}${format === 'pdf' ? `?lang=${currentLanguage()}` : ''}`;

export function useProviders() {
  const query = useQuery({
    queryKey: keys.providers,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/providers', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.providers);
}

/** The metered resources; usage over time names them too. */
export function useResources() {
  const query = useQuery({
    queryKey: keys.resources,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/resources', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.resources);
}

export function useTariffs() {
  const query = useQuery({
    queryKey: keys.tariffs,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/tariffs', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.tariffs);
}

/** A new tariff may close the open-ended one before it: the whole list is loaded again. */
export function useCreateTariff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TariffInput) => body(client.POST('/api/v1/tariffs', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.tariffs }),
  });
}

/** A month's cost pools; asked only for a well-formed month. */
export function useCostPools(month: string, enabled: boolean) {
  const query = useQuery({
    queryKey: keys.costPools(month),
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/cost-pools', { params: { query: { month, limit: PAGE_LIMIT, cursor } }, signal }))),
    enabled,
  });
  return useQueryResource(query, keys.costPools(month));
}

/** Any change to a pool: that month's list is loaded again. */
function usePoolsChanged() {
  const queryClient = useQueryClient();
  return (month: string) => queryClient.invalidateQueries({ queryKey: keys.costPools(month) });
}

export function useCreateCostPool() {
  const changed = usePoolsChanged();
  return useMutation({
    mutationFn: (input: CostPoolInput) => body(client.POST('/api/v1/cost-pools', { body: input })),
    onSuccess: (pool) => changed(pool.month),
  });
}

export function useUpdateCostPool() {
  const changed = usePoolsChanged();
  return useMutation({
    mutationFn: ({ poolId, changes }: { poolId: string; changes: CostPoolChanges }) => body(client.PATCH('/api/v1/cost-pools/{id}', { params: { path: { id: poolId } }, body: changes })),
    onSuccess: (pool) => changed(pool.month),
  });
}

export function useRemoveCostPool() {
  const changed = usePoolsChanged();
  return useMutation({
    mutationFn: (pool: CostPool) => body(client.DELETE('/api/v1/cost-pools/{id}', { params: { path: { id: pool.id } } })),
    onSuccess: (_answer, pool) => changed(pool.month),
  });
}

const runsQuery = {
  queryKey: keys.runs,
  queryFn: ({ signal }: { signal: AbortSignal }) => everyPage((cursor) => body(client.GET('/api/v1/billing-runs', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
};

export function useBillingRuns() {
  return useQueryResource(useQuery(runsQuery), keys.runs);
}

/**
 * The runs as the server has them now, never the cached list first: a page that takes its
 * starting values from them once (the forecast's base month) must see a run finalised a moment ago.
 */
export function useCurrentBillingRuns() {
  const query = useQuery(runsQuery);
  const resource = useQueryResource(query, keys.runs);
  return query.isFetchedAfterMount ? resource : { ...resource, data: undefined, error: null, loading: true };
}

export function useBillingRun(runId: string) {
  const query = useQuery({
    queryKey: keys.run(runId),
    queryFn: ({ signal }) => body(client.GET('/api/v1/billing-runs/{id}', { params: { path: { id: runId } }, signal })),
  });
  return useQueryResource(query, keys.run(runId));
}

/** A computed run answers whole: it is cached as it came, and the list is loaded again. */
function useRunComputed() {
  const queryClient = useQueryClient();
  return (run: Run) => {
    queryClient.setQueryData(keys.run(run.id), run);
    void queryClient.invalidateQueries({ queryKey: keys.runs, exact: true });
  };
}

export function useCreateBillingRun() {
  const computed = useRunComputed();
  return useMutation({ mutationFn: (month: string) => body(client.POST('/api/v1/billing-runs', { body: { month } })), onSuccess: computed });
}

export function useRecomputeBillingRun(runId: string) {
  const computed = useRunComputed();
  return useMutation({ mutationFn: () => body(client.POST('/api/v1/billing-runs/{id}/recompute', { params: { path: { id: runId } } })), onSuccess: computed });
}

/** Finalising issues invoices: the run, the runs and every invoice list are loaded again. */
export function useFinalizeBillingRun(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => body(client.POST('/api/v1/billing-runs/{id}/finalize', { params: { path: { id: runId } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.runs });
      void queryClient.invalidateQueries({ queryKey: ['billing', 'invoices'] });
      void queryClient.invalidateQueries({ queryKey: ['billing', 'tenant'] });
    },
  });
}

function invoicesOf(month: string | null, signal: AbortSignal) {
  return everyPage((cursor) => body(client.GET('/api/v1/invoices', { params: { query: { ...(month && { month }), limit: PAGE_LIMIT, cursor } }, signal })));
}

/** Every issued invoice and credit note, newest first. */
export function useInvoices() {
  const query = useQuery({ queryKey: keys.invoices(null), queryFn: ({ signal }) => invoicesOf(null, signal) });
  return useQueryResource(query, keys.invoices(null));
}

/** A month's invoices, once the month is known and `enabled` (e.g. its run is final). */
export function useMonthInvoices(month: string | undefined, enabled: boolean) {
  const key = keys.invoices(month ?? '');
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => invoicesOf(month ?? null, signal), enabled: enabled && month !== undefined });
  return useQueryResource(query, key);
}

export function useTenantInvoices(tenantId: string) {
  const query = useQuery({
    queryKey: keys.tenantInvoices(tenantId),
    queryFn: ({ signal }) =>
      everyPage((cursor) => body(client.GET('/api/v1/tenants/{id}/invoices', { params: { path: { id: tenantId }, query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.tenantInvoices(tenantId));
}

/** A municipality's statement for each of the months (null where it has none). */
export function useStatements(tenantId: string, months: string[]) {
  const query = useQuery({
    queryKey: keys.statements(tenantId, months),
    queryFn: ({ signal }) => body(client.GET('/api/v1/tenants/{id}/statements', { params: { path: { id: tenantId }, query: { months: months.join(',') } }, signal })),
  });
  return useQueryResource(query, keys.statements(tenantId, months));
}

/** The forecast for a scenario, computed on the server when the person asks for it. */
export function useForecastCalculation() {
  const queryClient = useQueryClient();
  return (scenario: ForecastQuery) =>
    queryClient.fetchQuery({ queryKey: keys.forecast(scenario), queryFn: ({ signal }) => body(client.GET('/api/v1/forecast', { params: { query: scenario }, signal })) });
}

export function useSeller() {
  const query = useQuery({ queryKey: keys.seller, queryFn: ({ signal }) => body(client.GET('/api/v1/settings/seller', { signal })) });
  return useQueryResource(query, keys.seller);
}

export function useSaveSeller() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SellerInput) => body(client.PUT('/api/v1/settings/seller', { body: input })),
    onSuccess: (seller) => queryClient.setQueryData(keys.seller, seller),
  });
}

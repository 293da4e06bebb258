import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf } from '../../api/client';
import { useQueryResource } from '../../api/resource';
import { currentLanguage } from '../../i18n';

/** The shapes of monthly availability reports, generated from the server's OpenAPI (ADR 0012). */
export type SlaReport = ResponseOf<'/api/v1/tenants/{id}/sla-reports/{month}', 'get'>;
export type ServiceReport = SlaReport['services'][number];
export type Outage = ServiceReport['outages'][number];
export type SlaExclusion = ResponseOf<'/api/v1/sla-exclusions', 'get'>['items'][number];
export type SlaExclusionInput = BodyOf<'/api/v1/sla-exclusions', 'post'>;
export type SlaPublication = ResponseOf<'/api/v1/tenants/{id}/sla-reports/{month}/publications', 'get'>['items'][number];
export type SlaChange = SlaPublication['changes'][number];

const keys = {
  /** Everything of one municipality's month: its report (published and live) and its publications. */
  month: (tenantId: string, month: string) => ['sla-reports', tenantId, month] as const,
  report: (tenantId: string, month: string, live: boolean) => ['sla-reports', tenantId, month, 'report', live] as const,
  publications: (tenantId: string, month: string) => ['sla-reports', tenantId, month, 'publications'] as const,
  exclusions: (from: string, to: string) => ['sla-exclusions', from, to] as const,
};

const enc = encodeURIComponent;

/** Downloads the browser follows itself. */
export const slaReportLinks = {
  csv: (tenantId: string, month: string) => `/api/v1/tenants/${enc(tenantId)}/sla-reports/${enc(month)}?format=csv`,
  pdf: (tenantId: string, month: string) => `/api/v1/tenants/${enc(tenantId)}/sla-reports/${enc(month)}?format=pdf&lang=${currentLanguage()}`,
};

/** The published (frozen) version once there is one; `live` recomputes it from the evidence now. */
export function useSlaReport(tenantId: string, month: string, live: boolean, enabled: boolean) {
  const key = keys.report(tenantId, month, live);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      body(client.GET('/api/v1/tenants/{id}/sla-reports/{month}', { params: { path: { id: tenantId, month }, query: live ? { live: true } : {} }, signal })),
    enabled,
  });
  return useQueryResource(query, key);
}

/** Every published version of the month, oldest first. */
export function useSlaPublications(tenantId: string, month: string, enabled: boolean) {
  const key = keys.publications(tenantId, month);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      everyPage((cursor) => body(client.GET('/api/v1/tenants/{id}/sla-reports/{month}/publications', { params: { path: { id: tenantId, month }, query: { limit: PAGE_LIMIT, cursor } }, signal }))),
    enabled,
  });
  return useQueryResource(query, key);
}

/** Exclusions overlapping the period (every municipality's the person may see); asked once the period is known. */
export function useSlaExclusions(period: { from: string; to: string } | null) {
  const key = keys.exclusions(period?.from ?? '', period?.to ?? '');
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      everyPage((cursor) => body(client.GET('/api/v1/sla-exclusions', { params: { query: { from: period!.from, to: period!.to, limit: PAGE_LIMIT, cursor } }, signal }))),
    enabled: period !== null,
  });
  return useQueryResource(query, key);
}

/** Publishing changes the month's versions and the report served. The first needs no reason; a correction does. */
export function usePublishSlaReport(tenantId: string, month: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string | null) =>
      body(client.POST('/api/v1/tenants/{id}/sla-reports/{month}/publications', { params: { path: { id: tenantId, month } }, body: reason ? { reason } : {} })),
    onSuccess: () => {
      // The home page's list of reports waiting to be published loses this one.
      void queryClient.invalidateQueries({ queryKey: ['home', 'sla-pending'] });
      return queryClient.invalidateQueries({ queryKey: keys.month(tenantId, month) });
    },
  });
}

/** An exclusion or its withdrawal changes every report it touches and the exclusions list. */
function useExclusionChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['sla-reports'] });
    void queryClient.invalidateQueries({ queryKey: ['sla-exclusions'] });
  };
}

export function useExcludeOutage() {
  const changed = useExclusionChanged();
  return useMutation({ mutationFn: (input: SlaExclusionInput) => body(client.POST('/api/v1/sla-exclusions', { body: input })), onSuccess: changed });
}

export function useWithdrawExclusion() {
  const changed = useExclusionChanged();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => body(client.POST('/api/v1/sla-exclusions/{id}/withdraw', { params: { path: { id } }, body: { reason } })),
    onSuccess: changed,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, type ResponseOf } from '../../api/client';
import { useQueryResource } from '../../api/resource';
import type { UsageRecord } from './usage-csv';

/** Usage's answers, generated from the server's OpenAPI (ADR 0012). */
export type UsageReport = ResponseOf<'/api/v1/usage', 'post'>;
/** One municipality's usage of one resource at one provider in a month: sums added up, gauges at their last value. */
export type MonthlyUsage = ResponseOf<'/api/v1/tenants/{id}/usage', 'get'>[number];

const keys = {
  all: ['usage'] as const,
  monthly: (tenantId: string, from: string, to: string) => ['usage', 'tenant', tenantId, from, to] as const,
};

/** One municipality's usage month by month, `from` to `to` included (at most 36 months). */
export function useMonthlyUsage(tenantId: string, from: string, to: string) {
  const query = useQuery({
    queryKey: keys.monthly(tenantId, from, to),
    queryFn: ({ signal }) => body(client.GET('/api/v1/tenants/{id}/usage', { params: { path: { id: tenantId }, query: { from, to } }, signal })),
  });
  return useQueryResource(query, keys.monthly(tenantId, from, to));
}

/**
 * One batch of a provider's records; the server checks each record and answers which it took.
 * New usage changes what every municipality's usage shows: it is loaded again when next shown.
 */
export function useSendUsage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (records: UsageRecord[]) => body(client.POST('/api/v1/usage', { body: { records } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

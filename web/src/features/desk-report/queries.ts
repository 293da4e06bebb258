import { useQuery } from '@tanstack/react-query';
import { body, client, type ResponseOf } from '../../api/client';
import { useQueryResource } from '../../api/resource';

/** The monthly desk report, generated from the server's OpenAPI (ADR 0012). */
export type DeskReport = ResponseOf<'/api/v1/tenants/{id}/desk-report/{month}', 'get'>;
export type DeskBreach = DeskReport['breaches'][number];
/** Of the tickets whose clock has an outcome: how many met the target. */
export type TargetShare = DeskReport['resolution'];

const keys = {
  report: (tenantId: string, month: string) => ['desk-report', tenantId, month] as const,
};

/** Where the browser downloads the month's tickets as CSV itself. */
export const deskReportCsvHref = (tenantId: string, month: string) => `/api/v1/tenants/${encodeURIComponent(tenantId)}/desk-report/${encodeURIComponent(month)}?format=csv`;

/** A municipality's desk report for a month; asked only for a well-formed month. */
export function useDeskReport(tenantId: string, month: string, enabled: boolean) {
  const key = keys.report(tenantId, month);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => body(client.GET('/api/v1/tenants/{id}/desk-report/{month}', { params: { path: { id: tenantId, month } }, signal })),
    enabled,
  });
  return useQueryResource(query, key);
}

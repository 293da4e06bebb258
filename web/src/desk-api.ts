import { request } from './api';
import type { DeskReport } from './desk-types';

const id = encodeURIComponent;

/** Links the browser follows itself (downloads), with the API prefix. */
export const deskLinks = {
  deskReportCsv: (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/desk-report/${id(month)}?format=csv`,
};

/** The service desk's monthly report. */
export const deskApi = {
  deskReport: (tenantId: string, month: string, signal?: AbortSignal) =>
    request<DeskReport>('GET', `/tenants/${id(tenantId)}/desk-report/${id(month)}`, { signal }),
};

import { monthOf } from './business-minutes';

/** Where a municipality's desk report for a month (default: this month in Riga) lives. */
export const deskReportPath = (tenantId: string, month: string = monthOf()) => `/municipalities/${encodeURIComponent(tenantId)}/desk-report/${month}`;

/** Where a municipality's availability report for a month (default: this month in Riga) lives. */
export const slaReportPath = (tenantId: string, month: string = monthOf()) => `/municipalities/${encodeURIComponent(tenantId)}/sla-reports/${month}`;

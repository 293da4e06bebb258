import { monthOf } from './business-minutes';

/** Where a municipality's desk report for a month (default: this month in Riga) lives. */
export const deskReportPath = (tenantId: string, month: string = monthOf()) => `/municipalities/${encodeURIComponent(tenantId)}/desk-report/${month}`;

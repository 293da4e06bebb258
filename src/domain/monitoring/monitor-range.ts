/** The periods a monitor's page shows — availability, uptime, events and latency — ending now, by their length in days. */
export const MONITOR_RANGE_DAYS = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;
export type MonitorRange = keyof typeof MONITOR_RANGE_DAYS;
export const MONITOR_RANGES = Object.keys(MONITOR_RANGE_DAYS) as MonitorRange[];

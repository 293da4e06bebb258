import { useTranslation } from 'react-i18next';
import { useAutoRefresh } from '../hooks/use-auto-refresh';
import { monitoringApi } from '../monitoring-api';
import { LatencySparkline } from './latency-sparkline';

const HOURS = 24;

/** One monitor's last 24 hours as a sparkline, loaded by itself and refreshed every minute. */
export function MonitorLatencyCell({ monitorId }: { monitorId: string }) {
  const { t } = useTranslation();
  const series = useAutoRefresh((signal) => monitoringApi.monitors.latency(monitorId, HOURS, signal), [monitorId]);
  if (series.data) return <LatencySparkline points={series.data.points} hours={HOURS} now={Date.now()} />;
  if (series.error !== null) return <span className="muted">{t('latency.failed')}</span>;
  return <span className="muted">{t('common.loadingShort')}</span>;
}

import { useTranslation } from 'react-i18next';
import type { LatencySeries } from '../queries';
import { LatencySparkline } from './latency-sparkline';

export const SPARKLINE_HOURS = 24;

/** One monitor's last 24 hours as a sparkline, from the list's single latency request. */
export function MonitorLatencyCell({ series, failed }: { series: LatencySeries | undefined; failed: boolean }) {
  const { t } = useTranslation();
  if (series) return <LatencySparkline points={series.points} bucketMinutes={series.bucketMinutes} hours={SPARKLINE_HOURS} now={Date.now()} />;
  if (failed) return <span className="muted">{t('latency.failed')}</span>;
  return <span className="muted">{t('common.loadingShort')}</span>;
}

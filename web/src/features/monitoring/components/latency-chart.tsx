import { useTranslation } from 'react-i18next';
import { SeriesChart } from '../../../components/series-chart';
import { formatInstant, formatNumber } from '../../../format';
import { latencyFigures, latencySummary } from '../latency-figures';
import { latencyByHour } from '../latency-hours';
import type { LatencyPoint } from '../queries';

const TIME = new Intl.DateTimeFormat('lv-LV', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Riga' });

/**
 * A monitor's latency over the window, one place per check bucket, with its failed checks on an
 * axis of their own; a sentence that sums it up; and the same figures per hour in a table.
 */
export function LatencyChart({ title, points, hours }: { title: string; points: LatencyPoint[]; hours: number }) {
  const { t } = useTranslation();
  const summary = latencySummary(t, latencyFigures(points), hours);
  // Nothing to draw nor to add up: the sentence says there were no checks.
  if (points.length === 0) {
    return (
      <figure className="chart">
        <figcaption className="chart-title">{title}</figcaption>
        <p>{summary}</p>
      </figure>
    );
  }
  const rows = latencyByHour(points);
  const ms = (value: number | null) => (value === null ? t('latency.none') : `${formatNumber(value)} ms`);
  return (
    <SeriesChart
      title={title}
      summary={summary}
      tableToggle={t('latency.tableToggle')}
      chart={{
        kind: 'line',
        stacked: false,
        yAxisName: 'ms',
        categories: points.map((p) => TIME.format(new Date(p.at))),
        // The maximum third, so that it is dashed: with one check per bucket it equals the average
        // and would hide it if drawn solid on top.
        series: [
          { name: t('latency.avg'), values: points.map((p) => p.avgLatencyMs) },
          { name: t('latency.failures'), values: points.map((p) => p.failures), rightAxisName: t('latency.failures') },
          { name: t('latency.max'), values: points.map((p) => p.maxLatencyMs) },
        ],
      }}
      table={{
        caption: t('latency.tableCaption'),
        categoryHeader: t('latency.hour'),
        columns: [t('latency.checks'), t('latency.failures'), t('latency.avg'), t('latency.max')],
        rowHeaders: rows.map((r) => <time key={r.at} dateTime={r.at}>{formatInstant(r.at)}</time>),
        rows: rows.map((r) => [formatNumber(r.checks), formatNumber(r.failures), ms(r.avg), ms(r.max)]),
      }}
      note={t('latency.chartNote')}
    />
  );
}

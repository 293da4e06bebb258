import { useTranslation } from 'react-i18next';
import { SeriesChart } from '../../../components/series-chart';
import { dateFormat, formatDate, formatInstant, formatNumber, intlLocale } from '../../../format';
import { latencyFigures } from '../latency-figures';
import { latencyRows } from '../latency-rows';
import type { LatencySeries } from '../queries';

const ZONE = 'Europe/Riga';
const RIGA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE });

/** The axis' label of a bucket: the time for a day's five minutes, day and hour for a week, the day for longer. */
function axisLabel(at: string, bucket: LatencySeries['bucket']): string {
  const options: Intl.DateTimeFormatOptions =
    bucket === '5min' ? { hour: '2-digit', minute: '2-digit' } : bucket === 'hour' ? { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' } : { day: '2-digit', month: '2-digit' };
  return dateFormat(intlLocale(), { ...options, hourCycle: 'h23', timeZone: ZONE }).format(new Date(at));
}

/** A bucket's start in the table: a Riga date for days, a date and time otherwise. */
function rowLabel(at: string, bucket: LatencySeries['bucket']): string {
  return bucket === 'day' ? formatDate(RIGA_DATE.format(new Date(at))) : formatInstant(at);
}

/**
 * A monitor's latency over the chosen range, one place per bucket (median and maximum, failures on
 * an axis of their own); a bucket without checks is left empty, never drawn as zero. A sentence
 * sums it up and a table says the same: each bucket with checks, each quiet stretch as one row.
 */
export function LatencyChart({ title, series, rangeText }: { title: string; series: LatencySeries; rangeText: string }) {
  const { t } = useTranslation();
  const bucket = series.bucket ?? 'hour';
  const figures = latencyFigures(series.points);
  const ms = (value: number | null | undefined) => (value == null ? t('latency.none') : `${formatNumber(value)} ms`);
  const empty = series.points.filter((p) => p.checks === 0).length;
  if (figures.checks === 0) {
    return (
      <figure className="chart">
        <figcaption className="chart-title">{title}</figcaption>
        <p>{t('latency.noChecksRange', { range: rangeText })}</p>
      </figure>
    );
  }
  const summary = (
    <>
      {t('latency.rangeSummary', { avg: ms(figures.avg), max: ms(figures.max), count: figures.failures, range: rangeText })}
      {empty > 0 && <> {t('latency.emptyBuckets', { count: empty, total: series.points.length })}</>}
    </>
  );
  const rows = latencyRows(series.points, series.to ?? new Date().toISOString());
  // A quiet stretch of days names its first and last day (the end is exclusive); one quiet day is just that day.
  const gapLabel = (from: string, to: string) => {
    if (bucket !== 'day') return t('latency.gapRange', { from: rowLabel(from, bucket), to: formatInstant(to) });
    const first = rowLabel(from, bucket);
    const last = rowLabel(new Date(Date.parse(to) - 1).toISOString(), bucket);
    return first === last ? first : t('latency.gapRange', { from: first, to: last });
  };
  return (
    <SeriesChart
      title={title}
      summary={summary}
      tableToggle={t('latency.tableToggle')}
      chart={{
        kind: 'line',
        stacked: false,
        yAxisName: 'ms',
        categories: series.points.map((p) => axisLabel(p.at, bucket)),
        // Empty buckets are null, so the lines break there; the maximum is drawn last, dashed,
        // since with one check in a bucket it equals the median and would hide it.
        series: [
          { name: t('latency.median'), values: series.points.map((p) => p.p50LatencyMs ?? null) },
          { name: t('latency.failures'), values: series.points.map((p) => (p.checks === 0 ? null : p.failures)), rightAxisName: t('latency.failures') },
          { name: t('latency.max'), values: series.points.map((p) => p.maxLatencyMs) },
        ],
      }}
      table={{
        caption: t('latency.tableCaption', { range: rangeText }),
        categoryHeader: t(`latency.bucketHeader.${bucket}`),
        columns: [t('latency.checks'), t('latency.failures'), t('latency.median'), t('latency.avg'), t('latency.max')],
        rowHeaders: rows.map((r) =>
          r.kind === 'checks' ? (
            <time key={r.point.at} dateTime={r.point.at}>{rowLabel(r.point.at, bucket)}</time>
          ) : (
            <span key={r.from}>{gapLabel(r.from, r.to)}</span>
          ),
        ),
        rows: rows.map((r) => (r.kind === 'checks' ? [formatNumber(r.point.checks), formatNumber(r.point.failures), ms(r.point.p50LatencyMs), ms(r.point.avgLatencyMs), ms(r.point.maxLatencyMs)] : t('latency.gap'))),
      }}
      note={t('latency.chartNote')}
    />
  );
}

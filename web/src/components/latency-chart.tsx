import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatencyChartHandle, LatencyLabels } from '../echarts-latency';
import { formatInstant, formatNumber } from '../format';
import { latencyFigures, latencySummary } from '../latency-figures';
import { latencyByHour } from '../latency-hours';
import type { LatencyPoint } from '../monitoring-types';

const TIME = new Intl.DateTimeFormat('lv-LV', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Riga' });

/**
 * A monitor's latency over the window (ECharts, loaded on first use; the canvas is hidden from
 * assistive technology), a sentence that sums it up, and the same figures per hour in a table.
 */
export function LatencyChart({ title, points, hours }: { title: string; points: LatencyPoint[]; hours: number }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<LatencyChartHandle | null>(null);
  const [failed, setFailed] = useState(false);
  const titleId = useId();
  const labels: LatencyLabels = { avg: t('latency.avg'), max: t('latency.max'), failures: t('latency.failures'), time: (ms) => TIME.format(new Date(ms)) };
  const key = JSON.stringify([points, labels.avg]);
  const rows = latencyByHour(points);
  const ms = (value: number | null) => (value === null ? t('latency.none') : `${formatNumber(value)} ms`);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('../echarts-latency')
      .then(({ latencyChart }) => {
        if (disposed || !element.current) return;
        handle.current = latencyChart(element.current, points, labels);
        observer = new ResizeObserver(() => handle.current?.resize());
        observer.observe(element.current);
      })
      .catch(() => {
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      handle.current?.dispose();
      handle.current = null;
    };
    // Created once; later figures go through update() below.
  }, []);

  useEffect(() => {
    handle.current?.update(points, labels);
  }, [key]);

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      <p>{latencySummary(t, latencyFigures(points), hours)}</p>
      {points.length > 0 && (failed ? <p className="muted">{t('deskReport.chartFailed')}</p> : <div ref={element} className="chart-canvas" aria-hidden="true" />)}
      {rows.length > 0 && (
        <details className="chart-table">
          <summary>{t('latency.tableToggle')}</summary>
          <div className="table-wrap" role="region" aria-label={t('latency.tableCaption')} tabIndex={0}>
            <table className="table table-compact">
              <caption>{t('latency.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('latency.hour')}</th>
                  <th scope="col">{t('latency.checks')}</th>
                  <th scope="col">{t('latency.failures')}</th>
                  <th scope="col">{t('latency.avg')}</th>
                  <th scope="col">{t('latency.max')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.at}>
                    <th scope="row">
                      <time dateTime={r.at}>{formatInstant(r.at)}</time>
                    </th>
                    <td>{formatNumber(r.checks)}</td>
                    <td>{formatNumber(r.failures)}</td>
                    <td>{ms(r.avg)}</td>
                    <td>{ms(r.max)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {points.length > 0 && <p className="muted chart-note">{t('latency.chartNote')}</p>}
    </figure>
  );
}

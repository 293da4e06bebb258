import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvailabilityChartHandle, AvailabilityRow } from '../echarts-availability';
import { formatNumber } from '../format';

interface Props {
  title: string;
  rows: AvailabilityRow[];
  target: number;
}

/**
 * Availability per service against the target line (ECharts, loaded on first use), with the
 * same figures as a table for screen readers; the canvas itself is hidden from assistive technology.
 */
export function SlaAvailabilityChart({ title, rows, target }: Props) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<AvailabilityChartHandle | null>(null);
  const [failed, setFailed] = useState(false);
  const titleId = useId();
  const targetLabel = t('slaReport.targetLine', { target: formatNumber(target) });
  const key = JSON.stringify([rows, target, targetLabel]);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('../echarts-availability')
      .then(({ availabilityChart }) => {
        if (disposed || !element.current) return;
        handle.current = availabilityChart(element.current, rows, target, targetLabel);
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
    handle.current?.update(rows, target, targetLabel);
  }, [key]);

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      {failed ? <p className="muted">{t('deskReport.chartFailed')}</p> : <div ref={element} className="chart-canvas" aria-hidden="true" />}
      <table className={failed ? 'table' : 'visually-hidden'}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('subscriptions.service')}</th>
            <th scope="col">{t('status.availability')}</th>
            <th scope="col">{t('slaReport.result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.text}</td>
              <td>{r.percent === null ? t('slaReport.noData') : r.met ? t('slaReport.met') : t('slaReport.notMet')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted chart-note">{t('slaReport.chartNote', { target: formatNumber(target) })}</p>
    </figure>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BarChartHandle, BarRow } from '../echarts-bars';
import { formatNumber } from '../format';

interface Props {
  title: string;
  /** Names the rows' header in the text alternative, e.g. "Priority". */
  rowHeader: string;
  rows: BarRow[];
}

/**
 * A bar chart (ECharts, loaded on first use) with the same figures as a table for screen
 * readers; the canvas itself is hidden from assistive technology.
 */
export function DeskReportChart({ title, rowHeader, rows }: Props) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<BarChartHandle | null>(null);
  const [failed, setFailed] = useState(false);
  const titleId = useId();
  const key = JSON.stringify(rows);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('../echarts-bars')
      .then(({ barChart }) => {
        if (disposed || !element.current) return;
        handle.current = barChart(element.current, rows);
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
    handle.current?.update(rows);
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
            <th scope="col">{rowHeader}</th>
            <th scope="col">{t('deskReport.ticketCount')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{formatNumber(r.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

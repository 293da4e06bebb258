import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CostBar, CostChartHandle, CostLabels } from '../echarts-costs';
import { formatMoney } from '../money';
import type { MonthFigures } from '../statement-figures';

/**
 * Costs by month, hosting and administration stacked (ECharts, loaded on first use), with the
 * exact amounts as a table for everyone; the canvas itself is hidden from assistive technology.
 */
export function CostChart({ title, rows }: { title: string; rows: MonthFigures[] }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<CostChartHandle | null>(null);
  const [failed, setFailed] = useState(false);
  const titleId = useId();
  const labels: CostLabels = { hosting: t('billing.lineKinds.hosting'), administration: t('billing.lineKinds.administration') };
  // For drawing only: the bars' heights. Every amount shown as text comes from the API's strings.
  const bars: CostBar[] = rows.map((r) => ({ month: r.month, hosting: Number(r.hosting ?? 0), administration: Number(r.administration ?? 0) }));
  const key = JSON.stringify([bars, labels]);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('../echarts-costs')
      .then(({ costChart }) => {
        if (disposed || !element.current) return;
        handle.current = costChart(element.current, bars, labels);
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
    handle.current?.update(bars, labels);
  }, [key]);

  const money = (value: string | null) => (value === null ? t('billing.noStatementShort') : formatMoney(value));
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      {failed ? <p className="muted">{t('billing.chartFailed')}</p> : <div ref={element} className="chart-canvas" aria-hidden="true" />}
      <details className="chart-table" open={failed}>
        <summary>{t('billing.chartTable')}</summary>
        <div className="table-wrap" role="region" aria-label={title} tabIndex={0}>
          <table className="table table-compact">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('billing.month')}</th>
                <th scope="col" className="num">{labels.hosting}</th>
                <th scope="col" className="num">{labels.administration}</th>
                <th scope="col" className="num">{t('billing.net')}</th>
                <th scope="col" className="num">{t('billing.total')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month}>
                  <th scope="row">{r.month}</th>
                  <td className="num">{money(r.hosting)}</td>
                  <td className="num">{money(r.administration)}</td>
                  <td className="num">{money(r.net)}</td>
                  <td className="num">{money(r.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

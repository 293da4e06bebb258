import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrawnChart, SeriesChartHandle, SeriesChartSpec } from '../echarts-series';
import { intlLocale } from '../format';
import { ChartLegend } from './chart-legend';

/** The chart's figures as text: one row per category, one cell per column, exact values. */
export interface ChartTable {
  /** Header of the first column, which names the category of each row ("Month"). */
  categoryHeader: string;
  columns: string[];
  /**
   * `rows[i]` belongs to `chart.categories[i]`: its cells in the order of `columns`, or one text
   * for the whole row when the category has no figures at all ("no statement").
   */
  rows: (string[] | string)[];
  /**
   * The rows' headers when the table's rows are not the chart's categories (latency: the chart
   * draws every check, the table adds them up per hour); `rows[i]` then belongs to `rowHeaders[i]`.
   */
  rowHeaders?: ReactNode[];
  /** When the table is named otherwise than the chart. */
  caption?: string;
}

interface Props {
  title: string;
  chart: SeriesChartSpec;
  table: ChartTable;
  /** The disclosure's label, when something more specific than "show the figures" fits. */
  tableToggle?: string;
  /** A sentence under the title that sums the chart up. */
  summary?: ReactNode;
  /** What the legend does not say, under the table (which line is the target, the time zone). */
  note?: string;
}

/**
 * A chart drawn by ECharts, loaded on first use, with its figures as a table for everyone.
 * The canvas is hidden from assistive technology: the table says the same, exactly. When the
 * chart cannot be loaded, the table is opened in its place.
 */
export function SeriesChart({ title, chart, table, tableToggle, summary, note }: Props) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<SeriesChartHandle | null>(null);
  const drawn: DrawnChart = { ...chart, locale: intlLocale() };
  // The chart is created once the module has loaded; by then the figures may have changed.
  const latest = useRef(drawn);
  latest.current = drawn;
  const [failed, setFailed] = useState(false);
  const titleId = useId();
  const key = JSON.stringify(drawn);
  const caption = table.caption ?? title;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('../echarts-series')
      .then(({ seriesChart }) => {
        if (disposed || !element.current) return;
        handle.current = seriesChart(element.current, latest.current);
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
    handle.current?.update(latest.current);
  }, [key]);

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      {summary && <p>{summary}</p>}
      {failed ? (
        <p className="muted">{t('chart.failed')}</p>
      ) : (
        <>
          <ChartLegend kind={chart.kind} names={chart.series.map((s) => s.name)} />
          <div ref={element} className="chart-canvas" aria-hidden="true" />
        </>
      )}
      <details className="chart-table" open={failed}>
        <summary>{tableToggle ?? t('chart.tableToggle')}</summary>
        <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
          <table className="table table-compact">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{table.categoryHeader}</th>
                {table.columns.map((column, i) => (
                  <th key={i} scope="col" className="num">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(table.rowHeaders ?? chart.categories).map((header, i) => {
                const cells = table.rows[i] ?? '';
                return (
                  <tr key={i}>
                    <th scope="row">{header}</th>
                    {typeof cells === 'string' ? (
                      <td colSpan={table.columns.length}>{cells}</td>
                    ) : (
                      cells.map((cell, c) => (
                        <td key={c} className="num">
                          {cell}
                        </td>
                      ))
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
      {note && <p className="muted chart-note">{note}</p>}
    </figure>
  );
}

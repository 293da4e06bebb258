/**
 * A municipality's costs by month: hosting and administration stacked, drawn on a canvas.
 * Loaded on demand like echarts-bars.ts, so the rest of the UI does not carry ECharts.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, type GridComponentOption, type LegendComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption>;

/** One month's figures for drawing only (euros as numbers); the exact amounts are in the table. */
export interface CostBar {
  month: string;
  hosting: number;
  administration: number;
}

export interface CostLabels {
  hosting: string;
  administration: string;
}

export interface CostChartHandle {
  update(rows: CostBar[], labels: CostLabels): void;
  resize(): void;
  dispose(): void;
}

const INK = '#1b2330';
const HOSTING = '#0b4f8a'; // 8.2:1 on white
const ADMIN = '#b5651d'; // 3.9:1 on white, distinct from blue also in greyscale
const LINE = '#8a94a6';

function option(rows: CostBar[], labels: CostLabels): Option {
  const series = (name: string, color: string, pick: (r: CostBar) => number): BarSeriesOption => ({
    type: 'bar',
    name,
    stack: 'costs',
    data: rows.map(pick),
    itemStyle: { color, borderColor: '#ffffff', borderWidth: 1 },
    barMaxWidth: 40,
  });
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: INK },
    legend: { top: 0, textStyle: { color: INK, fontSize: 13 } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.month), axisLabel: { color: INK, fontSize: 12 }, axisLine: { lineStyle: { color: LINE } } },
    yAxis: { type: 'value', name: 'EUR', axisLabel: { color: INK }, splitLine: { lineStyle: { color: '#d5dae2' } } },
    series: [series(labels.hosting, HOSTING, (r) => r.hosting), series(labels.administration, ADMIN, (r) => r.administration)],
  };
}

export function costChart(element: HTMLElement, rows: CostBar[], labels: CostLabels): CostChartHandle {
  const chart = init(element, undefined, { renderer: 'canvas' });
  chart.setOption(option(rows, labels));
  return {
    update: (next, nextLabels) => chart.setOption(option(next, nextLabels), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}

/**
 * The one ECharts setup the UI uses: bar charts drawn on a canvas. Only the bar chart, the
 * grid and the canvas renderer are registered, and this module is loaded on demand, so the
 * rest of the UI does not carry ECharts.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption>;

export interface BarRow {
  label: string;
  value: number;
}

export interface BarChartHandle {
  update(rows: BarRow[]): void;
  resize(): void;
  dispose(): void;
}

const INK = '#1b2330';
const BAR = '#0b4f8a'; // 8.2:1 on white
const LINE = '#8a94a6';

function option(rows: BarRow[]): Option {
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: INK },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { color: INK, fontSize: 13, interval: 0 }, axisLine: { lineStyle: { color: LINE } } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: INK }, splitLine: { lineStyle: { color: '#d5dae2' } } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.value),
        itemStyle: { color: BAR },
        barMaxWidth: 48,
        label: { show: true, position: 'top', color: INK, fontWeight: 'bold' },
      },
    ],
  };
}

export function barChart(element: HTMLElement, rows: BarRow[]): BarChartHandle {
  const chart = init(element, undefined, { renderer: 'canvas' });
  chart.setOption(option(rows));
  return {
    update: (next) => chart.setOption(option(next), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}

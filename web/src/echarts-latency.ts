/**
 * A monitor's latency over time (average and maximum lines) with its failed checks as bars,
 * drawn on a canvas. Loaded on demand like echarts-availability.ts.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, type GridComponentOption, type LegendComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { LatencyPoint } from './monitoring-types';

use([LineChart, BarChart, GridComponent, LegendComponent, CanvasRenderer]);

type Option = ComposeOption<LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption>;

export interface LatencyLabels {
  avg: string;
  max: string;
  failures: string;
  /** Formats an instant for the time axis. */
  time: (ms: number) => string;
}

export interface LatencyChartHandle {
  update(points: LatencyPoint[], labels: LatencyLabels): void;
  resize(): void;
  dispose(): void;
}

const INK = '#1b2330';
const AVG = '#1f4e99'; // 8.3:1 on white
const MAX = '#7a4d00';
const FAIL = '#a4161a';

function option(points: LatencyPoint[], labels: LatencyLabels): Option {
  const at = (p: LatencyPoint) => Date.parse(p.at);
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: INK },
    legend: { top: 0, textStyle: { color: INK } },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'time', axisLabel: { color: INK, formatter: (value: number) => labels.time(value), hideOverlap: true }, axisLine: { lineStyle: { color: '#8a94a6' } } },
    yAxis: [
      { type: 'value', name: 'ms', axisLabel: { color: INK }, splitLine: { lineStyle: { color: '#d5dae2' } } },
      { type: 'value', minInterval: 1, axisLabel: { color: FAIL }, splitLine: { show: false } },
    ],
    series: [
      { name: labels.avg, type: 'line', showSymbol: false, connectNulls: false, lineStyle: { color: AVG, width: 2 }, itemStyle: { color: AVG }, data: points.map((p) => [at(p), p.avgLatencyMs]) },
      { name: labels.max, type: 'line', showSymbol: false, connectNulls: false, lineStyle: { color: MAX, width: 1, type: 'dashed' }, itemStyle: { color: MAX }, data: points.map((p) => [at(p), p.maxLatencyMs]) },
      { name: labels.failures, type: 'bar', yAxisIndex: 1, barMaxWidth: 6, itemStyle: { color: FAIL }, data: points.filter((p) => p.failures > 0).map((p) => [at(p), p.failures]) },
    ],
  };
}

export function latencyChart(element: HTMLElement, points: LatencyPoint[], labels: LatencyLabels): LatencyChartHandle {
  const chart = init(element, undefined, { renderer: 'canvas' });
  chart.setOption(option(points, labels));
  return {
    update: (next, nextLabels) => chart.setOption(option(next, nextLabels), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}

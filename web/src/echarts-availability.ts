/**
 * Availability per service as bars against the contractual target line, drawn on a canvas.
 * Loaded on demand like echarts-bars.ts, so the rest of the UI does not carry ECharts.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, type GridComponentOption, type MarkLineComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | MarkLineComponentOption>;

export interface AvailabilityRow {
  label: string;
  /** Null when nothing was measured. */
  percent: number | null;
  /** The percentage as the UI writes it, e.g. "99,95 %". */
  text: string;
  met: boolean;
}

export interface AvailabilityChartHandle {
  update(rows: AvailabilityRow[], target: number, targetLabel: string): void;
  resize(): void;
  dispose(): void;
}

const INK = '#1b2330';
const MET = '#1d6b34'; // 6.4:1 on white
const MISSED = '#a4161a'; // 7.3:1 on white
const TARGET = '#7a4d00';

function option(rows: AvailabilityRow[], target: number, targetLabel: string): Option {
  const known = rows.map((r) => r.percent).filter((p): p is number => p !== null);
  const min = Math.max(0, Math.floor(Math.min(target, ...known) - 1));
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: INK },
    grid: { left: 8, right: 24, top: 32, bottom: 16, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { color: INK, fontSize: 13, interval: 0, width: 120, overflow: 'break', lineHeight: 16, margin: 12 }, axisLine: { lineStyle: { color: '#8a94a6' } } },
    yAxis: { type: 'value', min, max: 100, axisLabel: { color: INK, formatter: '{value} %' }, splitLine: { lineStyle: { color: '#d5dae2' } } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({ value: r.percent ?? min, itemStyle: { color: r.percent === null ? '#8a94a6' : r.met ? MET : MISSED } })),
        barMaxWidth: 56,
        label: { show: true, position: 'top', color: INK, fontWeight: 'bold', formatter: (p) => rows[p.dataIndex]?.text ?? '' },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: TARGET, type: 'dashed', width: 2 },
          label: { formatter: targetLabel, color: TARGET, fontWeight: 'bold', position: 'insideEndTop' },
          data: [{ yAxis: target }],
        },
      },
    ],
  };
}

export function availabilityChart(element: HTMLElement, rows: AvailabilityRow[], target: number, targetLabel: string): AvailabilityChartHandle {
  const chart = init(element, undefined, { renderer: 'canvas' });
  chart.setOption(option(rows, target, targetLabel));
  return {
    update: (next, nextTarget, nextLabel) => chart.setOption(option(next, nextTarget, nextLabel), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}

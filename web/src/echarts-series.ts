/**
 * Any chart of a few series over categories (months, years): bars, stacked or side by side, or
 * lines. Loaded on demand (see SeriesChart), so the rest of the UI does not carry ECharts.
 * The values are for drawing only; the exact figures are always in the table beside the chart.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, MarkLineComponent, type GridComponentOption, type MarkLineComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { roundedDecimal } from '../../src/domain/figures';
import { formatNumber } from '../../src/domain/locale';
import { seriesStyle, type Pattern } from './chart-styles';

use([BarChart, LineChart, GridComponent, MarkLineComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | MarkLineComponentOption>;
type Decal = NonNullable<NonNullable<BarSeriesOption['itemStyle']>['decal']>;

export interface ChartSeries {
  name: string;
  /** One value per category, in the categories' order; null leaves the place empty (not measured). */
  values: (number | null)[];
  /**
   * Each bar's figure written on it, as the table writes it ("99,95 %"). Only few, named bars
   * carry figures, so such a chart also writes every category's name, wrapped, under its bar.
   */
  labels?: string[];
  /** Drawn against an axis of its own on the right, named so: a count beside milliseconds. */
  rightAxisName?: string;
}

export interface SeriesChartSpec {
  kind: 'bar' | 'line';
  /** Bars on top of each other (a total and its parts) instead of side by side. */
  stacked: boolean;
  categories: string[];
  series: ChartSeries[];
  /** What the values are in ("EUR", "vCPU h"). */
  yAxisName: string;
  /** The value axis' range, when zero is not the place to start (availability: 95–100 %). */
  yMin?: number;
  yMax?: number;
  /** A dashed horizontal line at a value the bars are measured against (the SLA target). */
  target?: { value: number; label: string };
}

/** What the chart draws: the spec, and the reader's Intl locale for the axis' numbers ("lv-LV": 7 000). */
export interface DrawnChart extends SeriesChartSpec {
  locale: string;
}

export interface SeriesChartHandle {
  update(spec: DrawnChart): void;
  resize(): void;
  dispose(): void;
}

const INK = '#1b2330';
const AXIS = '#8a94a6';
const GRID = '#d5dae2';
const SHEEN = 'rgba(255, 255, 255, 0.6)';
const TARGET = '#7a4d00'; // 7.3:1 on white; not a palette colour, so it is not taken for a series

const STRIPES = { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], color: SHEEN };
const DECALS: Record<Pattern, Decal> = {
  diagonal: { ...STRIPES, rotation: Math.PI / 4 },
  antidiagonal: { ...STRIPES, rotation: -Math.PI / 4 },
  horizontal: { ...STRIPES, rotation: 0 },
  dots: { symbol: 'circle', symbolSize: 0.8, dashArrayX: [[6, 6], [0, 6, 6, 0]], dashArrayY: [6, 0], color: SHEEN },
};

function bar(s: ChartSeries, i: number, stacked: boolean): BarSeriesOption {
  const { color, pattern } = seriesStyle(i);
  return {
    type: 'bar',
    name: s.name,
    data: s.values,
    ...(stacked && { stack: 'total' }),
    itemStyle: { color, borderColor: '#ffffff', borderWidth: 1, ...(pattern && { decal: DECALS[pattern] }) },
    barMaxWidth: 40,
    ...(s.labels && { label: { show: true, position: 'top', color: INK, fontWeight: 'bold', formatter: (p) => s.labels?.[p.dataIndex] ?? '' } }),
  };
}

function line(s: ChartSeries, i: number, stacked: boolean): LineSeriesOption {
  const { color, dash, marker, hollow } = seriesStyle(i);
  return {
    type: 'line',
    name: s.name,
    data: s.values,
    ...(stacked && { stack: 'total' }),
    symbol: hollow ? `empty${marker[0]!.toUpperCase()}${marker.slice(1)}` : marker,
    symbolSize: 8,
    lineStyle: { color, width: 2, type: dash },
    itemStyle: { color },
  };
}

function targetLine({ value, label }: { value: number; label: string }): BarSeriesOption['markLine'] {
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: TARGET, type: 'dashed', width: 2 },
    label: { formatter: label, color: TARGET, fontWeight: 'bold', position: 'insideEndTop' },
    data: [{ yAxis: value }],
  };
}

function option(spec: DrawnChart): Option {
  // The axis writes figures as the tables do ("6 000", "99,5"): Intl's Latvian leaves "6000" ungrouped.
  const language = spec.locale.startsWith('lv') ? 'lv' : 'en';
  const number = { format: (value: number) => formatNumber(roundedDecimal(value, 2), language) };
  const left = spec.series.filter((s) => s.rightAxisName === undefined);
  const right = spec.series.filter((s) => s.rightAxisName !== undefined);
  const named = spec.series.some((s) => s.labels);
  const valueAxis = (name: string, only: ChartSeries[]) => ({
    type: 'value' as const,
    name,
    nameTextStyle: { color: INK },
    // Whole figures (tickets, failed checks): the axis does not step in fractions of one.
    minInterval: only.every((s) => s.values.every((v) => v === null || Number.isInteger(v))) ? 1 : undefined,
    axisLabel: { color: INK, formatter: (value: number) => number.format(value) },
  });
  const series = spec.series.map((s, i) => {
    const drawn = spec.kind === 'bar' ? bar(s, i, spec.stacked) : line(s, i, spec.stacked);
    return { ...drawn, ...(s.rightAxisName !== undefined && { yAxisIndex: 1 }), ...(i === 0 && spec.target && { markLine: targetLine(spec.target) }) };
  });
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: INK },
    // The legend is HTML beside the canvas (ChartLegend): it wraps, zooms and never pages.
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisLabel: { color: INK, fontSize: 12, ...(named && { interval: 0, width: 120, overflow: 'break', lineHeight: 16 }) },
      axisLine: { lineStyle: { color: AXIS } },
    },
    yAxis: [
      { ...valueAxis(spec.yAxisName, left), min: spec.yMin, max: spec.yMax, splitLine: { lineStyle: { color: GRID } } },
      ...(right[0] ? [{ ...valueAxis(right[0].rightAxisName!, right), splitLine: { show: false } }] : []),
    ],
    series,
  };
}

export function seriesChart(element: HTMLElement, spec: DrawnChart): SeriesChartHandle {
  const chart = init(element, undefined, { renderer: 'canvas' });
  chart.setOption(option(spec));
  return {
    update: (next) => chart.setOption(option(next), { notMerge: true }),
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}

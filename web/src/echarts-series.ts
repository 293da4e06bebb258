/**
 * Any chart of a few series over categories (months, years): bars, stacked or side by side, or
 * lines. Loaded on demand (see SeriesChart), so the rest of the UI does not carry ECharts.
 * The values are for drawing only; the exact figures are always in the table beside the chart.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { seriesStyle, type Pattern } from './chart-styles';

use([BarChart, LineChart, GridComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption>;
type Decal = NonNullable<NonNullable<BarSeriesOption['itemStyle']>['decal']>;

export interface ChartSeries {
  name: string;
  /** One value per category, in the categories' order. */
  values: number[];
}

export interface SeriesChartSpec {
  kind: 'bar' | 'line';
  /** Bars on top of each other (a total and its parts) instead of side by side. */
  stacked: boolean;
  categories: string[];
  series: ChartSeries[];
  /** What the values are in ("EUR", "vCPU h"). */
  yAxisName: string;
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

function option(spec: DrawnChart): Option {
  const number = new Intl.NumberFormat(spec.locale, { maximumFractionDigits: 2 });
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: INK },
    // The legend is HTML beside the canvas (ChartLegend): it wraps, zooms and never pages.
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: spec.categories, axisLabel: { color: INK, fontSize: 12 }, axisLine: { lineStyle: { color: AXIS } } },
    yAxis: { type: 'value', name: spec.yAxisName, nameTextStyle: { color: INK }, axisLabel: { color: INK, formatter: (value: number) => number.format(value) }, splitLine: { lineStyle: { color: GRID } } },
    series: spec.series.map((s, i) => (spec.kind === 'bar' ? bar(s, i, spec.stacked) : line(s, i, spec.stacked))),
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

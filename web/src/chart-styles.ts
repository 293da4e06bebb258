/**
 * How each series of a SeriesChart looks, shared by the canvas (echarts-series.ts) and the legend
 * drawn in HTML beside it (chart-legend.tsx), which must match it without loading ECharts.
 */

/**
 * Every colour has at least 3:1 contrast against white (WCAG 1.4.11, graphical objects); they
 * alternate dark and light, so neighbouring series differ also in greyscale. Ratios on white:
 */
const PALETTE = [
  '#0b4f8a', // blue 8.4:1
  '#b5651d', // orange 4.3:1
  '#3b0f70', // purple 14.1:1
  '#2a9d8f', // teal 3.3:1
  '#7d2e2e', // maroon 9.1:1
  '#c25e9c', // pink 3.9:1
  '#1d6f42', // green 6.2:1
  '#8a8a00', // olive 3.7:1
];

export type Pattern = 'diagonal' | 'dots' | 'antidiagonal' | 'horizontal';
export type Dash = 'solid' | 'dashed' | 'dotted';
export type Marker = 'circle' | 'rect' | 'triangle' | 'diamond';

// Beyond the first two series, colour alone is not enough (greyscale, colour blindness), so bars
// get a pattern and lines a dash style and a marker of their own.
const PATTERNS: Pattern[] = ['diagonal', 'dots', 'antidiagonal', 'horizontal'];
const DASHES: Dash[] = ['solid', 'dashed', 'dotted'];
const MARKERS: Marker[] = ['circle', 'rect', 'triangle', 'diamond'];

export interface SeriesStyle {
  color: string;
  /** For bars. */
  pattern: Pattern | null;
  /** For lines: the dash, and the marker at each point, hollow for every second round of markers. */
  dash: Dash;
  marker: Marker;
  hollow: boolean;
}

export function seriesStyle(index: number): SeriesStyle {
  return {
    color: PALETTE[index % PALETTE.length]!,
    pattern: index < 2 ? null : PATTERNS[(index - 2) % PATTERNS.length]!,
    dash: DASHES[Math.floor(index / 2) % DASHES.length]!,
    marker: MARKERS[index % MARKERS.length]!,
    hollow: Math.floor(index / MARKERS.length) % 2 === 1,
  };
}

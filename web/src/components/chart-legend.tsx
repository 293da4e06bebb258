import { seriesStyle, type SeriesStyle } from '../chart-styles';

const DASH_ARRAY = { solid: undefined, dashed: '5 3', dotted: '1.5 2.5' } as const;

function MarkerShape({ style }: { style: SeriesStyle }) {
  const paint = { fill: style.hollow ? '#ffffff' : style.color, stroke: style.color, strokeWidth: 1.5 };
  switch (style.marker) {
    case 'circle':
      return <circle cx="14" cy="7" r="4" {...paint} />;
    case 'rect':
      return <rect x="10" y="3" width="8" height="8" {...paint} />;
    case 'triangle':
      return <polygon points="14,2.5 18.5,11 9.5,11" {...paint} />;
    case 'diamond':
      return <polygon points="14,2 19,7 14,12 9,7" {...paint} />;
  }
}

function Swatch({ kind, index }: { kind: 'bar' | 'line'; index: number }) {
  const style = seriesStyle(index);
  if (kind === 'bar') return <span className={`chart-swatch${style.pattern ? ` chart-swatch-${style.pattern}` : ''}`} style={{ backgroundColor: style.color }} />;
  return (
    <svg className="chart-swatch-line" width="28" height="14" viewBox="0 0 28 14">
      <line x1="0" y1="7" x2="28" y2="7" stroke={style.color} strokeWidth="2" strokeDasharray={DASH_ARRAY[style.dash]} />
      <MarkerShape style={style} />
    </svg>
  );
}

/**
 * The legend of a SeriesChart in HTML rather than on the canvas: it wraps and zooms with the text
 * and never pages. Like the canvas it explains, it is hidden from assistive technology; the table
 * names every series.
 */
export function ChartLegend({ kind, names }: { kind: 'bar' | 'line'; names: string[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {names.map((name, i) => (
        <li key={i}>
          <Swatch kind={kind} index={i} />
          {name}
        </li>
      ))}
    </ul>
  );
}

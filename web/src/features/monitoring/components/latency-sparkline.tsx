import { useTranslation } from 'react-i18next';
import { latencyFigures, latencySummary } from '../latency-figures';
import type { LatencyPoint } from '../queries';

const WIDTH = 120;
const HEIGHT = 28;
const MARK = 4;

interface Props {
  points: LatencyPoint[];
  /** Each point's bucket length: a point is drawn at its bucket's middle. */
  bucketMinutes: number;
  /** The window the points cover, ending now. */
  hours: number;
  now: number;
}

/**
 * A small inline picture of the average latency over the window (line) with the failures marked
 * below it (red ticks). The picture is decoration: the sentence under it says the same in words.
 */
export function LatencySparkline({ points, bucketMinutes, hours, now }: Props) {
  const { t } = useTranslation();
  const summary = latencySummary(t, latencyFigures(points), hours);
  const start = now - hours * 3_600_000;
  const x = (at: string) => Math.min(WIDTH, Math.max(0, ((Date.parse(at) + bucketMinutes * 30_000 - start) / (hours * 3_600_000)) * WIDTH));
  const measured = points.filter((p) => p.avgLatencyMs !== null);
  const top = Math.max(1, ...measured.map((p) => p.avgLatencyMs!));
  const y = (ms: number) => HEIGHT - MARK - 2 - (ms / top) * (HEIGHT - MARK - 4);
  const line = measured.map((p) => `${x(p.at).toFixed(1)},${y(p.avgLatencyMs!).toFixed(1)}`).join(' ');

  return (
    <div className="sparkline">
      <svg className="sparkline-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} aria-hidden="true" focusable="false">
        <line className="sparkline-base" x1={0} x2={WIDTH} y1={HEIGHT - MARK - 1} y2={HEIGHT - MARK - 1} />
        {measured.length > 1 && <polyline className="sparkline-line" points={line} />}
        {measured.length === 1 && <circle className="sparkline-dot" cx={x(measured[0]!.at)} cy={y(measured[0]!.avgLatencyMs!)} r={1.5} />}
        {points
          .filter((p) => p.failures > 0)
          .map((p) => (
            <rect key={p.at} className="sparkline-failure" x={x(p.at) - 1.5} y={HEIGHT - MARK} width={3} height={MARK} />
          ))}
      </svg>
      <span className="sparkline-text">{summary}</span>
    </div>
  );
}

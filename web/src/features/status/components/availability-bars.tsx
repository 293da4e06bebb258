import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../format';
import { formatPercent, formatSeconds } from '../../../status-format';
import type { DayBar } from '../queries';

export type DayKind = 'ok' | 'degraded' | 'down' | 'maintenance' | 'none';

/** Below the agreements' 97 % a day is "down"; any downtime above it is "degraded". */
export function dayKind(day: DayBar): DayKind {
  if (day.availabilityPercent === null) return day.maintenanceSeconds > 0 ? 'maintenance' : 'none';
  if (day.downSeconds === 0) return day.maintenanceSeconds > 0 ? 'maintenance' : 'ok';
  return day.availabilityPercent < 97 ? 'down' : 'degraded';
}

const HEIGHT: Record<DayKind, number> = { ok: 32, maintenance: 32, degraded: 24, down: 16, none: 32 };
const BAR = 6;
const GAP = 2;

interface Props {
  name: string;
  days: DayBar[];
}

/**
 * 90 daily bars, oldest on the left. The picture is one image with a summary for screen
 * readers; each bar has a tooltip; the days with downtime are listed in a table next to it.
 */
export function AvailabilityBars({ name, days }: Props) {
  const { t } = useTranslation();
  const downDays = days.filter((d) => d.downSeconds > 0);
  const noData = days.filter((d) => d.availabilityPercent === null).length;
  const downtime = downDays.reduce((sum, d) => sum + d.downSeconds, 0);
  const summary = t('status.barsSummary', {
    name,
    days: days.length,
    from: formatDate(days[0]?.date),
    to: formatDate(days.at(-1)?.date),
    down: downDays.length,
    noData,
    downtime: formatSeconds(t, downtime),
  });
  const width = days.length * (BAR + GAP) - GAP;

  const tooltip = (day: DayBar) =>
    [
      formatDate(day.date),
      t('status.dayAvailability', { value: formatPercent(t, day.availabilityPercent) }),
      day.downSeconds > 0 && t('status.dayDown', { time: formatSeconds(t, day.downSeconds) }),
      day.maintenanceSeconds > 0 && t('status.dayMaintenance', { time: formatSeconds(t, day.maintenanceSeconds) }),
      day.unknownSeconds > 0 && t('status.dayUnknown', { time: formatSeconds(t, day.unknownSeconds) }),
    ]
      .filter(Boolean)
      .join('\n');

  return (
    <div className="bars">
      <svg className="bars-svg" role="img" aria-label={summary} viewBox={`0 0 ${width} 32`} preserveAspectRatio="none">
        {days.map((day, i) => {
          const kind = dayKind(day);
          const height = HEIGHT[kind];
          return (
            <rect key={day.date} className={`bar bar-${kind}`} x={i * (BAR + GAP)} y={32 - height} width={BAR} height={height} rx={1}>
              <title>{tooltip(day)}</title>
            </rect>
          );
        })}
      </svg>
      <div className="bars-axis" aria-hidden="true">
        <span>{t('status.daysAgo', { count: days.length })}</span>
        <span>{t('status.today')}</span>
      </div>
    </div>
  );
}

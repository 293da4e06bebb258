import { useTranslation } from 'react-i18next';
import type { CalendarDay } from '../queries';

type DayKind = CalendarDay['kind'];

export const DAY_ICONS: Record<DayKind, string> = { working: '●', shortened: '◐', off: '○' };
const KINDS: DayKind[] = ['working', 'shortened', 'off'];

/** What the colours, patterns and shapes of the month grid mean. */
export function CalendarLegend() {
  const { t } = useTranslation();
  return (
    <div className="calendar-legend">
      <h3 className="h3">
        {t('calendar.legend')}
      </h3>
      <ul>
        {KINDS.map((kind) => (
          <li key={kind}>
            <span className={`legend-swatch day-${kind}`} aria-hidden="true">
              {DAY_ICONS[kind]}
            </span>
            <span>
              <strong>{t(`calendar.kind.${kind}`)}</strong> — {t(`calendar.kindExplain.${kind}`)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

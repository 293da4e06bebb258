import { useTranslation } from 'react-i18next';
import { formatSlots, longDate, monthWeeks, weekdayNames } from '../../../calendar-format';
import type { CalendarDay } from '../queries';
import { DAY_ICONS } from './calendar-legend';

interface Props {
  month: string;
  lastDay: string;
  days: CalendarDay[];
  today: string;
  caption: string;
}

/**
 * A month as a table: weekday column headers, one row per week, and in each day cell its
 * kind, hours and reason in words (colour, pattern and shape are extra cues).
 */
export function MonthGrid({ month, lastDay, days, today, caption }: Props) {
  const { t } = useTranslation();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const names = weekdayNames();
  return (
    <div className="table-wrap month-wrap" role="region" aria-labelledby="month-grid-caption" tabIndex={0}>
      <table className="month-grid">
        <caption id="month-grid-caption" className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n.long} scope="col">
                <abbr title={n.long}>{n.short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month, lastDay).map((week) => (
            <tr key={week.find(Boolean) ?? 'empty'}>
              {week.map((date, i) => {
                if (!date) return <td key={`blank-${i}`} className="day day-blank" />;
                const day = byDate.get(date);
                const kind = day?.kind ?? null;
                return (
                  <td key={date} className={`day${kind ? ` day-${kind}` : ''}${date === today ? ' day-today' : ''}`} aria-current={date === today ? 'date' : undefined}>
                    <span className="day-number" aria-hidden="true">
                      {Number(date.slice(8))}
                    </span>
                    <span className="visually-hidden">{longDate(date)}</span>
                    {date === today && <span className="day-today-tag">{t('calendar.today')}</span>}
                    {day ? (
                      <>
                        <span className="day-kind">
                          <span aria-hidden="true">{DAY_ICONS[day.kind]} </span>
                          {t(`calendar.kind.${day.kind}`)}
                        </span>
                        {day.slots.length > 0 && <span className="day-hours">{formatSlots(day.slots)}</span>}
                        {day.reason && (
                          <span className="day-reason" lang="lv">
                            {day.reason}
                          </span>
                        )}
                      </>
                    ) : (
                      <span className="day-kind muted">{t('common.unknown')}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

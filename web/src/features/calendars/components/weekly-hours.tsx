import { useTranslation } from 'react-i18next';
import { formatSlots, weekdayNames } from '../../../calendar-format';
import type { CalendarSummary } from '../queries';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const satisfies readonly (keyof CalendarSummary['weeklyHours'])[];

/** Opening hours per weekday as a description list. */
export function WeeklyHoursList({ hours }: { hours: CalendarSummary['weeklyHours'] }) {
  const { t } = useTranslation();
  const names = weekdayNames();
  return (
    <dl className="details weekly-hours">
      {WEEKDAYS.map((day, i) => (
        <div key={day}>
          <dt>{names[i]!.long}</dt>
          <dd>{hours[day].length > 0 ? formatSlots(hours[day]) : t('calendar.closed')}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "Pirmd.–Piektd. 08:30–17:00": consecutive weekdays with the same hours grouped. */
export function weeklyHoursSummary(hours: CalendarSummary['weeklyHours'], closed: string): string {
  const names = weekdayNames();
  const groups: { from: number; to: number; text: string }[] = [];
  WEEKDAYS.forEach((day, i) => {
    const text = hours[day].length > 0 ? formatSlots(hours[day]) : closed;
    const last = groups[groups.length - 1];
    if (last && last.text === text) last.to = i;
    else groups.push({ from: i, to: i, text });
  });
  return groups.map((g) => `${names[g.from]!.short}${g.to > g.from ? `–${names[g.to]!.short}` : ''} ${g.text}`).join('; ');
}

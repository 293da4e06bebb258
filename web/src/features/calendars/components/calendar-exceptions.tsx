import { useTranslation } from 'react-i18next';
import { formatSlots, longDate } from '../../../calendar-format';
import type { CalendarException } from '../queries';
import { formatInstant } from '../../../format';
import { DataTable } from '../../../components/data-table';

interface Props {
  exceptions: CalendarException[];
  caption: string;
  /** Operators may remove an exception. */
  onRemove: ((exception: CalendarException) => void) | null;
}

/** A calendar's dated exceptions, by date. */
export function CalendarExceptions({ exceptions, caption, onRemove }: Props) {
  const { t } = useTranslation();
  if (exceptions.length === 0) return <p>{t('exception.none')}</p>;
  const sorted = [...exceptions].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <DataTable caption={caption} captionHidden>
      <thead>
        <tr>
          <th scope="col">{t('exception.date')}</th>
          <th scope="col">{t('exception.kind')}</th>
          <th scope="col">{t('exception.hours')}</th>
          <th scope="col">{t('exception.reason')}</th>
          <th scope="col">{t('exception.added')}</th>
          {onRemove && <th scope="col">{t('common.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {sorted.map((e) => (
          <tr key={e.date}>
            <th scope="row">
              <time dateTime={e.date}>{longDate(e.date, true)}</time>
            </th>
            <td>{t(`exception.kinds.${e.kind}`)}</td>
            <td>{e.slots && e.slots.length > 0 ? formatSlots(e.slots) : e.kind === 'day_off' ? t('calendar.closed') : t('exception.usualHours')}</td>
            <td lang="lv">{e.reason}</td>
            <td>
              {formatInstant(e.createdAt)}
              {e.createdBy && <span className="muted block break">{e.createdBy}</span>}
            </td>
            {onRemove && (
              <td>
                <button type="button" className="button button-small button-danger-outline" aria-label={`${t('exception.remove')}: ${longDate(e.date, true)}`} onClick={() => onRemove(e)}>
                  {t('exception.remove')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

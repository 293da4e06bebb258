import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';
import { PageHeading } from '../../../components/page-heading';
import { weeklyHoursSummary } from '../components/weekly-hours';
import { calendarIcsHref, useCalendars } from '../queries';

/** The business calendars agreements can choose. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const calendars = useCalendars();
  return (
    <>
      <PageHeading title={t('calendars.title')}>
        <p className="lead">{t('calendars.intro')}</p>
      </PageHeading>
      <AsyncSection resource={calendars}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('calendars.empty')}</p>
          ) : (
            <DataTable caption={t('calendars.caption')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('calendars.name')}</th>
                  <th scope="col">{t('calendars.id')}</th>
                  <th scope="col">{t('calendars.zone')}</th>
                  <th scope="col">{t('calendar.weeklyHours')}</th>
                  <th scope="col">{t('calendars.holidays')}</th>
                  <th scope="col">{t('calendars.exceptionCount')}</th>
                  <th scope="col">{t('calendars.export')}</th>
                </tr>
              </thead>
              <tbody>
                {[...list]
                  .sort((a, b) => a.name.localeCompare(b.name, 'lv'))
                  .map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/calendars/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                      </th>
                      <td className="mono">{c.id}</td>
                      <td>{c.timeZone}</td>
                      <td>{weeklyHoursSummary(c.weeklyHours, t('calendar.closed'))}</td>
                      <td>{c.rules === 'lv' ? t('calendars.rulesLv') : t('calendars.rulesNone')}</td>
                      <td>{c.exceptionCount}</td>
                      <td>
                        <a href={calendarIcsHref(c.id)} download={`${c.id}.ics`} aria-label={`${t('calendars.icsShort')}: ${c.name}`}>
                          {t('calendars.icsShort')}
                        </a>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncSection>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../format';
import { formatPercent, formatSeconds } from '../../../status-format';
import type { DayBar } from '../queries';
import { DataTable } from '../../../components/data-table';

/** The text alternative to the bars: every day with downtime or maintenance, in a table. */
export function DowntimeDays({ name, days }: { name: string; days: DayBar[] }) {
  const { t } = useTranslation();
  const listed = days.filter((d) => d.downSeconds > 0 || d.maintenanceSeconds > 0).reverse();
  return (
    <details className="downtime-days">
      <summary>{t('status.downtimeDays', { count: listed.length })}</summary>
      {listed.length === 0 ? (
        <p>{t('status.noDowntime')}</p>
      ) : (
        <DataTable caption={t('status.downtimeCaption', { name })} className="table-compact">
          <thead>
            <tr>
              <th scope="col">{t('status.date')}</th>
              <th scope="col">{t('status.availability')}</th>
              <th scope="col">{t('status.downTime')}</th>
              <th scope="col">{t('status.maintenanceTime')}</th>
              <th scope="col">{t('status.unknownTime')}</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((d) => (
              <tr key={d.date}>
                <th scope="row">
                  <time dateTime={d.date}>{formatDate(d.date)}</time>
                </th>
                <td>{formatPercent(t, d.availabilityPercent)}</td>
                <td>{formatSeconds(t, d.downSeconds)}</td>
                <td>{formatSeconds(t, d.maintenanceSeconds)}</td>
                <td>{formatSeconds(t, d.unknownSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </details>
  );
}

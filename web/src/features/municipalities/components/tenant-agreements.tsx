import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatNumber } from '../../../format';
import { useAgreements } from '../queries';
import { useCalendarName } from '../../calendars/queries';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';

/** The current version of each agreement of one municipality. */
export function TenantAgreements({ tenantId, canWrite }: { tenantId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const agreements = useAgreements(tenantId);
  const calendarName = useCalendarName();
  const base = `/municipalities/${tenantId}/agreements`;

  return (
    <>
      {canWrite && (
        <div className="section-actions">
          <Link to={`${base}/new`} className="button button-primary">
            {t('agreements.new')}
          </Link>
        </div>
      )}
      <AsyncSection resource={agreements}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('agreements.empty')}</p>
          ) : (
            <DataTable caption={t('agreements.caption')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('agreement.number')}</th>
                  <th scope="col">{t('agreement.version')}</th>
                  <th scope="col">{t('agreement.period')}</th>
                  <th scope="col">{t('agreement.availabilityTarget')}</th>
                  <th scope="col">{t('agreement.calendar')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {[...list]
                  .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))
                  .map((a) => (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link to={`${base}/${a.id}`}>{a.number}</Link>
                      </th>
                      <td>{a.version}</td>
                      <td>
                        {formatDate(a.effectiveFrom)} – {a.effectiveTo ? formatDate(a.effectiveTo) : t('agreement.openEnded')}
                      </td>
                      <td>{formatNumber(a.availabilityTargetPercent)} %</td>
                      <td>{calendarName(a.calendarId)}</td>
                      <td>
                        <div className="row-actions">
                          <Link to={`${base}/${a.id}`} className="button button-small button-secondary" aria-label={`${t('agreements.history')}: ${t('agreements.numbered', { number: a.number })}`}>
                            {t('agreements.history')}
                          </Link>
                          {canWrite && (
                            <Link to={`${base}/${a.id}/edit`} className="button button-small button-secondary" aria-label={`${t('common.edit')}: ${t('agreements.numbered', { number: a.number })}`}>
                              {t('common.edit')}
                            </Link>
                          )}
                        </div>
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

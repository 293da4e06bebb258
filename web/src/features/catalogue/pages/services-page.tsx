import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';
import { Flash } from '../../../components/flash';
import { PageHeading } from '../../../components/page-heading';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { localName } from '../../../local-name';
import { useServices } from '../queries';

/** The service catalogue (Cabinet Regulation No. 399 fields on each service's page). */
export function ServicesPage() {
  const { t } = useTranslation();
  const user = useUser();
  const services = useServices();
  return (
    <>
      <PageHeading
        title={t('services.title')}
        actions={
          can(user, 'services.write') && (
            <Link to="/services/new" className="button button-primary">
              {t('services.new')}
            </Link>
          )
        }
      >
        <p className="lead">{t('services.intro')}</p>
      </PageHeading>
      <Flash />
      <AsyncSection resource={services}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('services.empty')}</p>
          ) : (
            <DataTable caption={t('services.caption', { count: list.length })}>
              <thead>
                <tr>
                  <th scope="col">{t('service.code')}</th>
                  <th scope="col">{t('service.name')}</th>
                  <th scope="col">{t('service.provider')}</th>
                  <th scope="col">{t('service.owner')}</th>
                  <th scope="col">{t('service.critical')}</th>
                </tr>
              </thead>
              <tbody>
                {[...list]
                  .sort((a, b) => a.code.localeCompare(b.code))
                  .map((s) => (
                    <tr key={s.id}>
                      <td className="mono nowrap">{s.code}</td>
                      <th scope="row">
                        <Link to={`/services/${s.id}`}>{localName(s.name)}</Link>
                      </th>
                      <td>{s.provider ?? t('common.notGiven')}</td>
                      <td>{s.owner ?? t('common.notGiven')}</td>
                      <td>{s.critical ? t('common.yes') : t('common.no')}</td>
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

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';
import { PageHeading } from '../../../components/page-heading';
import { TenantStatusBadge } from '../../../components/status-badge';
import { formatInstant } from '../../../format';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { useTenants, type Tenant } from '../queries';

function matches(tenant: Tenant, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [tenant.name, tenant.registrationNumber, tenant.vatNumber ?? '', tenant.address?.city ?? ''].some((v) => v.toLocaleLowerCase().includes(needle));
}

export function TenantsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const tenants = useTenants();
  const [filter, setFilter] = useState('');
  const filterId = useId();

  return (
    <>
      <PageHeading
        title={t('tenants.title')}
        actions={
          can(user, 'tenants.write') && (
            <Link to="/municipalities/new" className="button button-primary">
              {t('tenants.new')}
            </Link>
          )
        }
      />
      <AsyncSection resource={tenants}>
        {(list) => {
          const shown = [...list].filter((x) => matches(x, filter)).sort((a, b) => a.name.localeCompare(b.name, 'lv'));
          return (
            <>
              {list.length > 1 && (
                <div className="filter-bar" role="search">
                  <label htmlFor={filterId} className="field-label">
                    {t('tenants.filter')}
                  </label>
                  <input id={filterId} className="input" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
                </div>
              )}
              <p role="status" className="muted">
                {t('tenants.count', { count: shown.length, total: list.length })}
              </p>
              {shown.length === 0 ? (
                <p>{list.length === 0 ? t('tenants.empty') : t('tenants.noMatch')}</p>
              ) : (
                <DataTable caption={t('tenants.caption')} captionHidden>
                  <thead>
                    <tr>
                      <th scope="col">{t('tenant.name')}</th>
                      <th scope="col">{t('tenant.registrationNumber')}</th>
                      <th scope="col">{t('tenant.city')}</th>
                      <th scope="col">{t('tenant.status')}</th>
                      <th scope="col">{t('common.updatedAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((tenant) => (
                      <tr key={tenant.id}>
                        <th scope="row">
                          <Link to={`/municipalities/${tenant.id}`}>{tenant.name}</Link>
                        </th>
                        <td className="mono">{tenant.registrationNumber}</td>
                        <td>{tenant.address?.city ?? '—'}</td>
                        <td>
                          <TenantStatusBadge status={tenant.status} />
                        </td>
                        <td>{formatInstant(tenant.updatedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
            </>
          );
        }}
      </AsyncSection>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import type { Tenant } from '../queries';
import { TenantStatusBadge } from '../../../components/status-badge';
import { CopyButton } from '../../../components/copy-button';

/** A municipality's registered data as a description list, with the id a usage file may name it by. */
export function TenantDetails({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const a = tenant.address;
  return (
    <dl className="details">
      <div>
        <dt>{t('tenant.status')}</dt>
        <dd>
          <TenantStatusBadge status={tenant.status} />
        </dd>
      </div>
      <div>
        <dt>{t('tenant.registrationNumber')}</dt>
        <dd className="mono">{tenant.registrationNumber}</dd>
      </div>
      <div>
        <dt>{t('tenant.id')}</dt>
        <dd>
          <span className="mono break">{tenant.id}</span> <CopyButton value={tenant.id} label={t('tenant.copyId')} />
          <span className="field-hint">{t('tenant.idHint')}</span>
        </dd>
      </div>
      <div>
        <dt>{t('tenant.vatNumber')}</dt>
        <dd className="mono">{tenant.vatNumber ?? t('common.notGiven')}</dd>
      </div>
      <div>
        <dt>{t('tenant.email')}</dt>
        <dd>{tenant.email ? <a href={`mailto:${tenant.email}`}>{tenant.email}</a> : t('common.notGiven')}</dd>
      </div>
      <div>
        <dt>{t('tenant.address')}</dt>
        <dd>
          {a ? (
            <address>
              {a.street}
              <br />
              {a.postalCode} {a.city}
              <br />
              {a.country}
            </address>
          ) : (
            t('common.notGiven')
          )}
        </dd>
      </div>
      <div>
        <dt>{t('tenant.peppol')}</dt>
        <dd className="mono">
          {tenant.peppolEndpoint.scheme}:{tenant.peppolEndpoint.id}
        </dd>
      </div>
      <div>
        <dt>{t('common.createdAt')}</dt>
        <dd>{formatInstant(tenant.createdAt)}</dd>
      </div>
      <div>
        <dt>{t('common.updatedAt')}</dt>
        <dd>{formatInstant(tenant.updatedAt)}</dd>
      </div>
    </dl>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { Flash } from '../../../components/flash';
import { PageHeading } from '../../../components/page-heading';
import { ServiceAvailability } from '../../status/components/service-availability';
import { ServiceDetails } from '../components/service-details';
import { ServiceMonitors } from '../../monitoring/components/service-monitors';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { localName } from '../../../local-name';
import { useService } from '../queries';

/** One catalogue entry: its fields, its last 90 days and its monitors. */
export function ServicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser();
  const service = useService(id);
  const name = service.data ? localName(service.data.name) : '';
  return (
    <>
      <Breadcrumbs
        items={[
          user.tenantId ? { label: t('status.tenantTitle'), to: `/municipalities/${user.tenantId}/status` } : { label: t('services.title'), to: '/services' },
          { label: name || t('common.loadingShort') },
        ]}
      />
      <PageHeading
        title={name || t('service.title')}
        actions={
          can(user, 'services.write') &&
          service.data && (
            <Link to={`/services/${id}/edit`} className="button button-secondary">
              {t('service.edit')}
            </Link>
          )
        }
      >
        {service.data && <p className="lead mono">{service.data.code}</p>}
      </PageHeading>
      <Flash />
      <AsyncSection resource={service}>
        {(loaded) => (
          <>
            <section className="section section-first" aria-labelledby="service-data">
              <h2 id="service-data">{t('service.data')}</h2>
              <ServiceDetails service={loaded} />
            </section>
            <ServiceAvailability serviceId={loaded.id} tenantId={user.tenantId} />
            {can(user, 'monitors.read') && <ServiceMonitors serviceId={loaded.id} serviceName={localName(loaded.name)} />}
          </>
        )}
      </AsyncSection>
    </>
  );
}

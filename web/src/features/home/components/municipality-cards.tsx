import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { ServiceStateBadge } from '../../../components/service-state-badge';
import { formatDate, formatInstant } from '../../../format';
import { localName } from '../../../local-name';
import { formatMoney } from '../../billing/money';
import { useTenantStatus } from '../../status/queries';
import { useLatestInvoice } from '../queries';
import { HomeCard } from './home-card';

/** The municipality's services and their state now. */
export function OwnServicesCard({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const status = useTenantStatus(tenantId);
  return (
    <HomeCard id="services" title={t('home.services.title')} link={{ to: `/municipalities/${tenantId}/status`, label: t('home.services.all') }}>
      <AsyncSection resource={status}>
        {({ services }) =>
          services.length === 0 ? (
            <p>{t('home.services.none')}</p>
          ) : (
            <ul className="home-list">
              {services.map((service) => (
                <li key={service.id}>
                  <span className="home-item">{localName(service.name)}</span> <ServiceStateBadge state={service.state} />
                  {service.since && <span className="home-why">{t('home.services.since', { since: formatInstant(service.since) })}</span>}
                </li>
              ))}
            </ul>
          )
        }
      </AsyncSection>
    </HomeCard>
  );
}

/** The latest invoice or credit note, with its PDF. */
export function LatestInvoiceCard({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation();
  const invoice = useLatestInvoice(tenantId);
  return (
    <HomeCard id="invoice" title={t('home.invoice.title')} link={{ to: `/municipalities/${tenantId}/costs`, label: t('home.invoice.all') }}>
      <AsyncSection resource={invoice}>
        {(latest) =>
          latest === null ? (
            <p>{t('home.invoice.none')}</p>
          ) : (
            <p>
              <a href={`/api/v1/invoices/${encodeURIComponent(latest.id)}/pdf`}>{t('home.invoice.pdf', { number: latest.number })}</a>
              <span className="home-why">{t('home.invoice.summary', { month: latest.month, total: formatMoney(latest.total), due: formatDate(latest.dueDate) })}</span>
            </p>
          )
        }
      </AsyncSection>
    </HomeCard>
  );
}


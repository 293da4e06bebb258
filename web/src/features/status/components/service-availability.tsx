import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../../status-format';
import { useStatusOnce } from '../queries';
import { localName } from '../../../local-name';
import { AsyncSection } from '../../../components/async-section';
import { AvailabilityBars } from './availability-bars';
import { AvailabilityLegend } from './availability-legend';
import { DowntimeDays } from './downtime-days';
import { HistoryComputing } from './history-computing';
import { ServiceStateBadge } from '../../../components/service-state-badge';

interface Props {
  serviceId: string;
  /** A municipality's people see the service as their municipality uses it (its own instance included). */
  tenantId: string | null;
}

/** A service's state now and its last 90 days, from the status data. */
export function ServiceAvailability({ serviceId, tenantId }: Props) {
  const { t } = useTranslation();
  const status = useStatusOnce(tenantId ?? undefined);
  return (
    <section className="section" aria-labelledby="service-availability">
      <h2 id="service-availability">{t('service.availability')}</h2>
      <AsyncSection resource={status}>
        {(data) => {
          const service = data.services.find((s) => s.id === serviceId);
          if (!service) return <p>{tenantId ? t('service.notUsed') : t('service.notOnStatusPage')}</p>;
          const name = localName(service.name);
          return (
            <>
              <p>
                {t('service.stateNow')} <ServiceStateBadge state={service.state} />
              </p>
              {data.history === 'computing' ? (
                <HistoryComputing />
              ) : (
                <>
                  <p className="muted">{t('status.barsIntro')}</p>
                  <p>
                    <strong>{service.uptimePercent === null ? t('status.uptime90None') : t('status.uptime90', { value: formatPercent(t, service.uptimePercent) })}</strong>
                  </p>
                  <AvailabilityBars name={name} days={service.days} />
                  <AvailabilityLegend />
                  <DowntimeDays name={name} days={service.days} />
                </>
              )}
            </>
          );
        }}
      </AsyncSection>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { IncidentTable } from '../components/incident-table';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { useIncidents } from '../queries';
import { localName } from '../../../local-name';
import { useServices } from '../../catalogue/queries';

const RECENT_DAYS = 30;

/** Open incidents and those resolved in the last 30 days, for the agency's staff. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const incidents = useIncidents(RECENT_DAYS);
  const services = useServices();
  const serviceName = (id: string) => {
    const service = services.data?.find((s) => s.id === id);
    return service ? localName(service.name) : null;
  };

  return (
    <>
      <PageHeading
        title={t('incidents.title')}
        actions={
          <Link to="/incidents/new" className="button button-primary">
            {t('incidents.new')}
          </Link>
        }
      >
        <p className="lead">{t('incidents.intro')}</p>
      </PageHeading>
      {services.error !== null && <ProblemMessage error={services.error} summary={t('incidents.servicesFailed')} onRetry={services.reload} />}
      <AsyncSection resource={incidents}>
        {(list) => {
          const open = list.filter((i) => i.status !== 'resolved');
          const resolved = list.filter((i) => i.status === 'resolved');
          return (
            <>
              <section className="section" aria-labelledby="incidents-open">
                <h2 id="incidents-open">{t('incidents.open', { count: open.length })}</h2>
                {open.length === 0 ? <p>{t('incidents.noneOpen')}</p> : <IncidentTable caption={t('incidents.openCaption')} incidents={open} serviceName={serviceName} />}
              </section>
              <section className="section" aria-labelledby="incidents-resolved">
                <h2 id="incidents-resolved">{t('incidents.resolved', { days: RECENT_DAYS })}</h2>
                {resolved.length === 0 ? (
                  <p>{t('incidents.noneResolved')}</p>
                ) : (
                  <IncidentTable caption={t('incidents.resolved', { days: RECENT_DAYS })} incidents={resolved} serviceName={serviceName} />
                )}
              </section>
            </>
          );
        }}
      </AsyncSection>
    </>
  );
}

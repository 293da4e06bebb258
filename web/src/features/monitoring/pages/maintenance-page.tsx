import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Flash } from '../../../components/flash';
import { PageHeading } from '../../../components/page-heading';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { localName } from '../../../local-name';
import { useServices } from '../../catalogue/queries';
import { MaintenanceSchedule } from '../components/maintenance-schedule';
import { useMaintenanceWindows } from '../queries';

const DAY_MS = 86_400_000;
const PAST_DAYS = 7;
const WEEKS_AHEAD = 8;

/** Maintenance windows from last week to eight weeks ahead; operators and desk agents announce new ones. */
export function MaintenancePage() {
  const { t } = useTranslation();
  const user = useUser();
  // The period is fixed when the page opens, so that it names one cached list.
  const [period] = useState(() => {
    const now = Date.now();
    return { from: new Date(now - PAST_DAYS * DAY_MS).toISOString(), to: new Date(now + WEEKS_AHEAD * 7 * DAY_MS).toISOString() };
  });
  const windows = useMaintenanceWindows(period.from, period.to);
  const [announcement, setAnnouncement] = useState('');
  const services = useServices();
  const serviceName = (id: string) => {
    const service = services.data?.find((s) => s.id === id);
    return service ? localName(service.name) : t('common.loadingShort');
  };
  return (
    <>
      <PageHeading
        title={t('maintenance.title')}
        actions={
          can(user, 'maintenance.write') && (
            <Link to="/maintenance/new" className="button button-primary">
              {t('maintenance.new')}
            </Link>
          )
        }
      >
        <p className="lead">{t('maintenance.intro', { past: PAST_DAYS, weeks: WEEKS_AHEAD })}</p>
      </PageHeading>
      <Flash />
      <p role="status" className="status-line">
        {announcement}
      </p>
      <AsyncSection resource={windows}>{(list) => <MaintenanceSchedule windows={list} serviceName={serviceName} canWrite={can(user, 'maintenance.write')} onCancelled={setAnnouncement} />}</AsyncSection>
    </>
  );
}

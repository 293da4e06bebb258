import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { useServices } from '../../catalogue/queries';
import { AnnouncementStatus } from '../components/announcement-status';
import { MaintenanceForm } from '../components/maintenance-form';
import { useChangeMaintenance, useMaintenanceWindow } from '../queries';

/** Change a window, or for an occurrence of a series the whole series if asked; the subscribed municipalities are told of the change. */
export function MaintenanceEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const services = useServices();
  const window = useMaintenanceWindow(id);
  const change = useChangeMaintenance();
  const [scope, setScope] = useState<'occurrence' | 'series'>('occurrence');
  return (
    <>
      <Breadcrumbs items={[{ label: t('maintenance.title'), to: '/maintenance' }, { label: t('maintenanceForm.editTitle') }]} />
      <PageHeading title={t('maintenanceForm.editTitle')}>
        <p className="lead">{t('maintenanceForm.editIntro')}</p>
      </PageHeading>
      <AsyncSection resource={window}>
        {(w) => (
          <>
          <p>
            {t('maintenance.announcedAt')}: <AnnouncementStatus window={w} />
          </p>
          {w.seriesId && (
            <fieldset className="fieldset">
              <legend>{t('maintenanceForm.scope')}</legend>
              {(['occurrence', 'series'] as const).map((s) => (
                <div key={s} className="field-radio">
                  <input type="radio" id={`maintenance-edit-scope-${s}`} name="maintenance-edit-scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
                  <label htmlFor={`maintenance-edit-scope-${s}`}>{t(`maintenanceForm.scopes.${s}`)}</label>
                </div>
              ))}
            </fieldset>
          )}
          <AsyncSection resource={services}>
            {(list) => (
              <MaintenanceForm
                initial={w}
                services={list}
                canBackdate={false}
                onCancel={() => navigate('/maintenance')}
                onSubmit={async (input) => {
                  const series = w.seriesId !== null && scope === 'series';
                  const saved = await change.mutateAsync({ id: w.id, changes: { title: input.title, description: input.description ?? null, startsAt: input.startsAt, endsAt: input.endsAt, serviceIds: input.serviceIds, ...(series && { scope: 'series' as const }) } });
                  navigate('/maintenance', { state: { flash: t(series ? 'maintenanceForm.seriesChanged' : 'maintenanceForm.changed', { title: saved.title }) } });
                }}
              />
            )}
          </AsyncSection>
          </>
        )}
      </AsyncSection>
    </>
  );
}

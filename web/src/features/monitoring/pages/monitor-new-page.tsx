import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { Loading } from '../../../components/loading';
import { PageHeading } from '../../../components/page-heading';
import { ProblemMessage } from '../../../components/problem-message';
import { SecretOnce } from '../../../components/secret-once';
import { useTenants } from '../../municipalities/queries';
import { useServices } from '../../catalogue/queries';
import { MonitorForm } from '../components/monitor-form';
import { useCreateMonitor, useIssuePushToken } from '../queries';

/** Add a monitor (operator); a push monitor's secret URL is shown once right after. */
export function MonitorNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const services = useServices();
  const tenants = useTenants();
  const [push, setPush] = useState<{ name: string; url: string } | null>(null);
  const [pushError, setPushError] = useState<unknown>(null);
  const create = useCreateMonitor();
  const issue = useIssuePushToken();
  const done = () => navigate('/monitors', { state: { flash: t('monitorForm.created') } });

  return (
    <>
      <Breadcrumbs items={[{ label: t('monitors.title'), to: '/monitors' }, { label: t('monitorForm.pageTitle') }]} />
      <PageHeading title={t('monitorForm.pageTitle')}>
        <p className="lead">{t('monitorForm.intro')}</p>
      </PageHeading>
      {push ? (
        <SecretOnce title={t('monitorForm.pushTitle', { name: push.name })} label={t('monitorForm.pushUrl')} value={push.url} onDismiss={done} />
      ) : pushError !== null ? (
        <>
          <ProblemMessage error={pushError} summary={t('monitorForm.pushFailed')} />
          <Link to="/monitors">{t('monitors.backToList')}</Link>
        </>
      ) : services.data && tenants.data ? (
        <MonitorForm
          services={services.data}
          tenants={tenants.data}
          onCancel={() => navigate('/monitors')}
          onSubmit={async (input) => {
            const created = await create.mutateAsync(input);
            if (created.type !== 'push') return done();
            try {
              setPush({ name: created.name, url: await issue.mutateAsync(created.id) });
            } catch (error) {
              setPushError(error);
            }
          }}
        />
      ) : (services.error ?? tenants.error) !== null ? (
        <ProblemMessage
          error={services.error ?? tenants.error}
          onRetry={() => {
            services.reload();
            tenants.reload();
          }}
        />
      ) : (
        <div aria-busy="true">
          <Loading />
        </div>
      )}
    </>
  );
}

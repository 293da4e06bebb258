import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AsyncSection } from '../../../components/async-section';
import { Breadcrumbs } from '../../../components/breadcrumbs';
import { PageHeading } from '../../../components/page-heading';
import { StatusAnnouncer } from '../components/status-announcer';
import { StatusBoard } from '../components/status-board';
import { useUser } from '../../../session';
import { useTenantStatus } from '../queries';
import { isTenantRole } from '../../../roles';
import { useTenant } from '../../municipalities/queries';

/** The services one municipality uses (its own instances included), refreshed every minute. */
export function TenantStatusPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser();
  const tenant = useTenant(id);
  const status = useTenantStatus(id);
  const name = tenant.data?.name ?? '';
  const title = t('status.tenantTitle');
  return (
    <>
      <Breadcrumbs
        items={[
          ...(isTenantRole(user.role) ? [] : [{ label: t('nav.municipalities'), to: '/municipalities' }]),
          { label: name || t('common.loadingShort'), to: `/municipalities/${id}` },
          { label: title },
        ]}
      />
      <PageHeading title={title} documentTitle={name ? `${title} — ${name}` : title}>
        <p className="lead">{t('status.tenantIntro', { name: name || t('common.loadingShort') })}</p>
        <p className="muted">
          {t('status.refreshNote')} <Link to="/status">{t('status.publicLink')}</Link>
        </p>
      </PageHeading>
      <StatusAnnouncer status={status.data} stale={status.stale} />
      <AsyncSection resource={status}>{(data) => <StatusBoard status={data} linkToServices />}</AsyncSection>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { PageHeading } from '../../../components/page-heading';
import { StatusAnnouncer } from '../components/status-announcer';
import { StatusBoard } from '../components/status-board';
import { useSession } from '../../../session';
import { StatusFollow } from '../components/status-follow';
import { STATUS_FEED_URL, usePublicStatus } from '../queries';

/** The public status page of the shared services: no sign-in, refreshed every minute. */
export function StatusPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const status = usePublicStatus();
  return (
    <>
      {/* React places this in <head>: feed readers find the feed from the page's address. */}
      <link rel="alternate" type="application/atom+xml" href={STATUS_FEED_URL} title={t('statusFollow.feedTitle')} />
      <PageHeading title={t('status.title')}>
        <p className="lead">{t('status.intro')}</p>
        <p className="muted">{t('status.refreshNote')}</p>
      </PageHeading>
      <StatusAnnouncer status={status.data} stale={status.stale} />
      <AsyncSection resource={status}>{(data) => <StatusBoard status={data} linkToServices={user !== null} />}</AsyncSection>
      <StatusFollow />
    </>
  );
}

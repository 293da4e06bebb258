import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { PageHeading } from '../components/page-heading';
import { UserSection } from '../components/user-section';
import { useResource } from '../hooks/use-resource';
import { useUser } from '../session';
import { AGENCY_ROLES } from '../types';

/** Agency staff accounts (operator). */
export function AgencyUsersPage() {
  const { t } = useTranslation();
  const user = useUser();
  const users = useResource((signal) => api.users.listAgency(signal), []);
  return (
    <>
      <PageHeading title={t('users.agencyTitle')}>
        <p className="lead">{t('users.agencyIntro')}</p>
      </PageHeading>
      <UserSection
        idPrefix="agency-user"
        users={users}
        caption={t('users.agencyCaption')}
        currentUserId={user.id}
        canWrite
        roleOptions={AGENCY_ROLES}
        create={(input) => api.users.createAgency(input)}
      />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading';
import { UserSection } from '../components/user-section';
import { useAgencyUsers, useCreateAgencyUser } from '../queries';
import { useUser } from '../../../session';
import { AGENCY_ROLES } from '../../../roles';

/** Agency staff accounts (operator). */
export function AgencyUsersPage() {
  const { t } = useTranslation();
  const user = useUser();
  const users = useAgencyUsers();
  const create = useCreateAgencyUser();
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
        create={(input) => create.mutateAsync(input)}
      />
    </>
  );
}

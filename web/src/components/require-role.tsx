import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../hooks/use-page-title';
import { can, canAcrossTenants, type Permission } from '../permissions';
import { useUser } from '../session';

function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  return (
    <>
      <h1 tabIndex={-1}>{t('forbidden.title')}</h1>
      <p>{t('forbidden.text')}</p>
      <p>
        <Link to="/">{t('forbidden.home')}</Link>
      </p>
    </>
  );
}

/**
 * Shows the page only to people the session grants the permission (agency staff only, with
 * `acrossTenants`); others get a clear explanation.
 */
export function RequirePermission({ permission, acrossTenants = false, children }: { permission: Permission; acrossTenants?: boolean; children: ReactNode }) {
  const user = useUser();
  return (acrossTenants ? canAcrossTenants(user, permission) : can(user, permission)) ? <>{children}</> : <Forbidden />;
}

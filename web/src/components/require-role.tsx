import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../hooks/use-page-title';
import { can, type UiPermission } from '../permissions';
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

/** Shows the page only to roles that have the permission; others get a clear explanation. */
export function RequirePermission({ permission, children }: { permission: UiPermission; children: ReactNode }) {
  const user = useUser();
  return can(user.role, permission) ? <>{children}</> : <Forbidden />;
}

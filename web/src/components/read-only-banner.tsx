import { useTranslation } from 'react-i18next';
import { isReadOnly } from '../permissions';
import type { SessionUser } from '../features/account/queries';

/**
 * On every page while the person's municipality is suspended: why nothing can be changed.
 * A plain note, not a live region — it would be read out again on every page.
 */
export function ReadOnlyBanner({ user }: { user: SessionUser | null }) {
  const { t } = useTranslation();
  if (!isReadOnly(user)) return null;
  return (
    <div className="message message-warn read-only-banner" id="read-only-banner">
      <p className="message-title">
        <span className="message-icon" aria-hidden="true">
          !
        </span>
        {t('readOnly.title')}
      </p>
      <p>{t('readOnly.text', { tenant: user?.tenantName ?? '' })}</p>
    </div>
  );
}

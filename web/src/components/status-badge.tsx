import { useTranslation } from 'react-i18next';
import type { TenantStatus } from '../roles';

const ICONS: Record<TenantStatus, string> = { onboarding: '◔', active: '●', suspended: '❚❚', offboarded: '○' };

/** A municipality's status: a word, with a shape and colour as extra cues only. */
export function TenantStatusBadge({ status }: { status: TenantStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true" className="badge-icon">
        {ICONS[status]}
      </span>
      {t(`tenantStatus.${status}`)}
    </span>
  );
}

/** Active / inactive for users and tokens. */
export function StateBadge({ tone, label }: { tone: 'ok' | 'off' | 'warn'; label: string }) {
  const icon = tone === 'ok' ? '●' : tone === 'warn' ? '▲' : '○';
  return (
    <span className={`badge badge-${tone}`}>
      <span aria-hidden="true" className="badge-icon">
        {icon}
      </span>
      {label}
    </span>
  );
}

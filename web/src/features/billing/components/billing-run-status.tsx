import { useTranslation } from 'react-i18next';

/** A run's state as a badge: draft (may change) or finalised (immutable). */
export function BillingRunStatus({ status }: { status: 'draft' | 'finalized' }) {
  const { t } = useTranslation();
  return <span className={`badge ${status === 'finalized' ? 'badge-ok' : 'badge-warn'}`}>{t(`billing.statuses.${status}`)}</span>;
}

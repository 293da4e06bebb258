import { useTranslation } from 'react-i18next';
import { formatInstant, formatNumber } from '../../../format';
import type { MaintenanceRecord } from '../queries';

/**
 * How the municipalities heard of a window: the time Kopa's notice was sent, the time an operator
 * declared (and who), a notice still waiting to be sent, or nobody to notify. Only the first two
 * count as announced (the SLA report and the status page read it the same way).
 */
export function AnnouncementStatus({ window: w }: { window: Pick<MaintenanceRecord, 'announcedAt' | 'announcementStatus' | 'declaredBy' | 'startsAt'> }) {
  const { t } = useTranslation();
  if (w.announcedAt === null) {
    return <span className="muted">{t(`maintenance.announcement.${w.announcementStatus === 'no_recipients' ? 'no_recipients' : 'pending'}`)}</span>;
  }
  const noticeHours = (Date.parse(w.startsAt) - Date.parse(w.announcedAt)) / 3_600_000;
  return (
    <>
      <time dateTime={w.announcedAt}>{formatInstant(w.announcedAt)}</time>
      <span className="block muted">
        {w.announcementStatus === 'declared' ? t('maintenance.announcement.declared', { by: w.declaredBy ?? '' }) : t('maintenance.announcement.sent')}
        {' · '}
        {t('maintenance.noticeHours', { hours: formatNumber(Math.max(0, noticeHours), 1) })}
      </span>
    </>
  );
}

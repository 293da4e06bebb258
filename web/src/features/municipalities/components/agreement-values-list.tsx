import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../format';
import { PRIORITIES } from '../../../roles';
import type { Agreement } from '../queries';
import { useCalendarName } from '../../calendars/queries';

type Key = 'number' | 'signedOn' | 'effectiveFrom' | 'effectiveTo' | 'availabilityTargetPercent' | 'calendarId' | 'maintenanceNoticeHours' | 'deskTargets' | 'buyerReference' | 'vatExempt';

const KEYS: Key[] = ['number', 'signedOn', 'effectiveFrom', 'effectiveTo', 'availabilityTargetPercent', 'calendarId', 'maintenanceNoticeHours', 'deskTargets', 'buyerReference', 'vatExempt'];

/** The values of one agreement version; with `previous`, fields that changed are marked in words. */
export function AgreementValuesList({ agreement, previous }: { agreement: Agreement; previous?: Agreement }) {
  const { t } = useTranslation();
  const calendarName = useCalendarName();
  const label: Record<Key, string> = {
    number: t('agreement.number'),
    signedOn: t('agreement.signedOn'),
    effectiveFrom: t('agreement.effectiveFrom'),
    effectiveTo: t('agreement.effectiveTo'),
    availabilityTargetPercent: t('agreement.availabilityTarget'),
    calendarId: t('agreement.calendar'),
    maintenanceNoticeHours: t('agreement.maintenanceNoticeHours'),
    deskTargets: t('agreement.deskTargets'),
    buyerReference: t('agreement.buyerReference'),
    vatExempt: t('agreement.vatExempt'),
  };

  const value = (key: Key) => {
    switch (key) {
      case 'signedOn':
      case 'effectiveFrom':
        return formatDate(agreement[key]);
      case 'effectiveTo':
        return agreement.effectiveTo ? formatDate(agreement.effectiveTo) : t('agreement.openEnded');
      case 'availabilityTargetPercent':
        return `${formatNumber(agreement.availabilityTargetPercent)} %`;
      case 'maintenanceNoticeHours':
        return t('agreement.hours', { count: agreement.maintenanceNoticeHours });
      case 'buyerReference':
        return agreement.buyerReference ?? t('common.notGiven');
      case 'calendarId':
        return calendarName(agreement.calendarId);
      case 'vatExempt':
        return agreement.vatExempt ? t('common.yes') : t('common.no');
      case 'deskTargets':
        return (
          <ul className="plain-list">
            {PRIORITIES.map((p) => (
              <li key={p}>
                {t('agreement.targetSummary', {
                  priority: p,
                  reaction: agreement.deskTargets[p].reactionMinutes,
                  resolution: agreement.deskTargets[p].resolutionMinutes,
                })}
              </li>
            ))}
          </ul>
        );
      default:
        return agreement[key];
    }
  };

  return (
    <dl className="details">
      {KEYS.map((key) => {
        const changed = previous !== undefined && JSON.stringify(previous[key]) !== JSON.stringify(agreement[key]);
        return (
          <div key={key} className={changed ? 'changed' : undefined}>
            <dt>
              {label[key]}
              {changed && <span className="tag">{t('agreements.changedTag')}</span>}
            </dt>
            <dd>{value(key)}</dd>
          </div>
        );
      })}
    </dl>
  );
}

import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../format';
import { formatPercent, formatSeconds } from '../../../status-format';
import type { SlaChange } from '../queries';

function value(t: TFunction, field: string, v: unknown): string {
  if (v === null || v === undefined) return field === 'service' ? '—' : t('status.noData');
  if (typeof v === 'boolean') return field === 'met' ? (v ? t('slaReport.met') : t('slaReport.notMet')) : v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') {
    if (field.endsWith('Percent')) return formatPercent(t, v);
    if (field.endsWith('Seconds')) return formatSeconds(t, v);
    return formatNumber(v);
  }
  return typeof v === 'string' ? t(`slaPublish.changeValue.${v}`, { defaultValue: v }) : JSON.stringify(v);
}

/** What a correction changed, one line per service and figure: "EPAK — Pieejamība: 96,5 % → 99,2 %". */
export function SlaChangeList({ changes }: { changes: SlaChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <>{t('slaPublish.firstVersion')}</>;
  return (
    <ul className="plain-list">
      {changes.map((c) => (
        <li key={`${c.serviceCode}:${c.field}`}>
          <span className="mono">{c.serviceCode}</span> — {t(`slaPublish.field.${c.field}`, { defaultValue: c.field })}: {value(t, c.field, c.before)} <span aria-hidden="true">→</span>
          <span className="visually-hidden"> {t('slaPublish.becomes')} </span> {value(t, c.field, c.after)}
        </li>
      ))}
    </ul>
  );
}

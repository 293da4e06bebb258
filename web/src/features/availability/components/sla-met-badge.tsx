import { useTranslation } from 'react-i18next';
import type { ServiceReport } from '../queries';

/** Whether a service met its target in the month: a word and a shape, colour as a third cue. */
export function SlaMetBadge({ report }: { report: Pick<ServiceReport, 'met' | 'availabilityPercent'> }) {
  const { t } = useTranslation();
  const [className, icon, label] =
    report.availabilityPercent === null
      ? ['badge-state-unknown', '?', t('slaReport.noData')]
      : report.met
        ? ['badge-state-up', '✓', t('slaReport.met')]
        : ['badge-state-down', '✕', t('slaReport.notMet')];
  return (
    <span className={`badge ${className}`}>
      <span aria-hidden="true" className="badge-icon">
        {icon}
      </span>
      {label}
    </span>
  );
}

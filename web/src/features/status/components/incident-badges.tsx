import { useTranslation } from 'react-i18next';
import type { IncidentImpact, IncidentStatus } from '../queries';

const STATUS_ICONS: Record<IncidentStatus, string> = { investigating: '?', identified: '!', monitoring: '◔', resolved: '✓' };
const IMPACT_ICONS: Record<IncidentImpact, string> = { minor: '▽', major: '▲', critical: '✕' };

/** Where an incident stands, as a word with a shape. */
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-incident-${status}`}>
      <span aria-hidden="true" className="badge-icon">
        {STATUS_ICONS[status]}
      </span>
      {t(`incidentStatus.${status}`)}
    </span>
  );
}

/** How bad an incident is, as a word with a shape; `bare` leaves out "Impact:" where a column header already says it. */
export function IncidentImpactBadge({ impact, bare = false }: { impact: IncidentImpact; bare?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-impact-${impact}`}>
      <span aria-hidden="true" className="badge-icon">
        {IMPACT_ICONS[impact]}
      </span>
      {bare ? t(`incidentImpactName.${impact}`) : t('incident.impactLabel', { impact: t(`incidentImpact.${impact}`) })}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import type { IncidentUpdate } from '../queries';
import { IncidentStatusBadge } from './incident-badges';

/** An incident's updates, newest first, as the status page shows them. */
export function IncidentUpdates({ updates, label }: { updates: IncidentUpdate[]; label: string }) {
  const { t } = useTranslation();
  const sorted = [...updates].sort((a, b) => b.at.localeCompare(a.at));
  if (sorted.length === 0) return <p>{t('incident.noUpdates')}</p>;
  return (
    <ol className="timeline" aria-label={label}>
      {sorted.map((u) => (
        <li key={u.id} className="timeline-item">
          <p className="timeline-head">
            <IncidentStatusBadge status={u.status} />
            <time dateTime={u.at}>{formatInstant(u.at)}</time>
          </p>
          <p className="timeline-body prose-text">{u.message}</p>
          <p className="timeline-meta muted">{u.author}</p>
        </li>
      ))}
    </ol>
  );
}

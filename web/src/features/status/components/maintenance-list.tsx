import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import type { MaintenanceWindow } from '../queries';

interface Props {
  windows: MaintenanceWindow[];
  serviceName: (id: string) => string | null;
  /** Heading level of each window's title. */
  level?: 3 | 4;
}

/** Planned maintenance windows, soonest first. */
export function MaintenanceList({ windows, serviceName, level = 3 }: Props) {
  const { t } = useTranslation();
  const sorted = [...windows].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  if (sorted.length === 0) return <p>{t('maintenance.none')}</p>;
  const Heading = level === 3 ? 'h3' : 'h4';
  const now = Date.now();
  return (
    <ul className="plain-list maintenance-list">
      {sorted.map((w) => {
        const services = w.serviceIds.map(serviceName).filter((name): name is string => name !== null);
        const ongoing = Date.parse(w.startsAt) <= now && Date.parse(w.endsAt) > now;
        return (
          <li key={w.id} className="card maintenance-item">
            <Heading className="h3">
              {w.title}
              {ongoing && <span className="tag">{t('maintenance.ongoing')}</span>}
            </Heading>
            <p>
              <time dateTime={w.startsAt}>{formatInstant(w.startsAt)}</time> – <time dateTime={w.endsAt}>{formatInstant(w.endsAt)}</time>
            </p>
            {services.length > 0 && (
              <p>
                {t('maintenance.services')}: {services.join(', ')}
              </p>
            )}
            {w.description && <p className="prose-text">{w.description}</p>}
            <p className="muted">
              {t('maintenance.announcedAt')} <time dateTime={w.announcedAt}>{formatInstant(w.announcedAt)}</time>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

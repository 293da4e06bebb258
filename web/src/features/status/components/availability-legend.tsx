import { useTranslation } from 'react-i18next';
import type { DayKind } from './availability-bars';

const KINDS: DayKind[] = ['ok', 'degraded', 'down', 'maintenance', 'none'];

/** What the bars' colours and heights mean (a bar's tooltip and the tables say it in words too). */
export function AvailabilityLegend() {
  const { t } = useTranslation();
  return (
    <div className="bars-legend">
      <p className="h3">{t('status.legend')}</p>
      <ul>
        {KINDS.map((kind) => (
          <li key={kind}>
            <svg className="legend-bar" viewBox="0 0 8 32" aria-hidden="true">
              <rect className={`bar bar-${kind}`} x={0} y={kind === 'down' ? 16 : kind === 'degraded' ? 8 : 0} width={8} height={kind === 'down' ? 16 : kind === 'degraded' ? 24 : 32} rx={1} />
            </svg>
            {t(`status.dayKind.${kind}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

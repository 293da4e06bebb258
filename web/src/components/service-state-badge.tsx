import { useTranslation } from 'react-i18next';
import type { ServiceState } from '../features/status/queries';

const ICONS: Record<ServiceState, string> = { up: '✓', down: '✕', maintenance: '⚙', unknown: '?' };

/** A service's state now: a word and a shape, colour only as a third cue. */
export function ServiceStateBadge({ state }: { state: ServiceState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-state-${state}`}>
      <span aria-hidden="true" className="badge-icon">
        {ICONS[state]}
      </span>
      {t(`serviceState.${state}`)}
    </span>
  );
}

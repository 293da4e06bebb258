import { useTranslation } from 'react-i18next';
import { ServiceStateBadge } from '../../../components/service-state-badge';
import { StateBadge } from '../../../components/status-badge';
import type { Monitor, MonitorHealth } from '../queries';

/** A monitor's state now — up, down or unknown as word, shape and colour; a paused monitor says so. */
export function MonitorStateBadge({ monitor, health }: { monitor: Monitor; health: MonitorHealth | undefined }) {
  const { t } = useTranslation();
  if (!monitor.active) return <StateBadge tone="off" label={t('monitor.paused')} />;
  return <ServiceStateBadge state={health?.state ?? 'unknown'} />;
}

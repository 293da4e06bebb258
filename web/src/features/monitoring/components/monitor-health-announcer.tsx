import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitorHealth } from '../queries';

interface Props {
  health: MonitorHealth[] | undefined;
  /** When the states last arrived: an unchanged answer is a refresh too (and clears what was said). */
  refreshedAt: number;
  monitors: { id: string; name: string }[];
  stale: boolean;
}

/**
 * A polite live region for the refreshed monitor states: silent when nothing changed, otherwise
 * which monitors changed to what. When a refresh fails it says, visibly, that the states are older.
 */
export function MonitorHealthAnnouncer({ health, refreshedAt, monitors, stale }: Props) {
  const { t } = useTranslation();
  const previous = useRef<MonitorHealth[] | undefined>(undefined);
  const [text, setText] = useState('');

  useEffect(() => {
    if (!health) return;
    if (previous.current) {
      const said = health.flatMap((h) => {
        const before = previous.current!.find((p) => p.monitorId === h.monitorId);
        const monitor = monitors.find((m) => m.id === h.monitorId);
        return before && monitor && before.state !== h.state ? [t('monitors.stateChanged', { name: monitor.name, state: t(`serviceState.${h.state}`) })] : [];
      });
      setText(said.length > 0 ? `${t('monitors.refreshed')} ${said.join(' ')}` : '');
    }
    previous.current = health;
    // t and monitors are left out: only new states are news.
  }, [health, refreshedAt]);

  return (
    <p role="status" className={stale ? 'message message-neutral' : 'visually-hidden'}>
      {stale ? t('monitors.stale') : text}
    </p>
  );
}

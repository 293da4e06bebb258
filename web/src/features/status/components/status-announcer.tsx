import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../local-name';
import type { PlatformStatus } from '../queries';

/** What a screen reader should hear after a refresh: only what changed. */
function changes(before: PlatformStatus, after: PlatformStatus, t: TFunction): string[] {
  const said: string[] = [];
  if (before.overall !== after.overall) said.push(t(`status.overall.${after.overall}`));
  for (const service of after.services) {
    const previous = before.services.find((s) => s.id === service.id);
    if (previous && previous.state !== service.state) said.push(t('status.serviceChanged', { name: localName(service.name), state: t(`serviceState.${service.state}`) }));
  }
  const open = (s: PlatformStatus) => s.incidents.filter((i) => i.status !== 'resolved').length;
  if (open(before) !== open(after) || before.incidents.some((i) => after.incidents.find((j) => j.id === i.id)?.updates.length !== i.updates.length)) {
    said.push(t('status.incidentsChanged', { count: open(after) }));
  }
  return said;
}

/**
 * A polite live region for the auto-refreshing status: silent when nothing changed, otherwise
 * a short sentence of what did, so people hear news without losing their place. When a refresh
 * fails it says, visibly and once, that the figures shown are older.
 */
export function StatusAnnouncer({ status, stale }: { status: PlatformStatus | undefined; stale: boolean }) {
  const { t } = useTranslation();
  const previous = useRef<PlatformStatus | undefined>(undefined);
  const [text, setText] = useState('');

  useEffect(() => {
    if (!status) return;
    if (previous.current && previous.current.generatedAt !== status.generatedAt) {
      const said = changes(previous.current, status, t);
      setText(said.length > 0 ? `${t('status.refreshed')} ${said.join(' ')}` : '');
    }
    previous.current = status;
    // t is left out: a language switch is not news.
  }, [status]);

  return (
    <p role="status" className={stale ? 'message message-neutral' : 'visually-hidden'}>
      {stale ? t('status.stale') : text}
    </p>
  );
}

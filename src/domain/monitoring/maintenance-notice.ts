import { rigaStamp } from './maintenance-ics.js';

export type MaintenanceNoticeKind = 'announced' | 'changed' | 'cancelled' | 'reminder' | 'completed';

export interface NoticeWindow {
  title: string;
  description: string | null;
  startMs: number;
  endMs: number;
  serviceNames: string[];
}

/** "2026-10-27 22:00" on Riga's wall clock. */
function riga(ms: number): string {
  const s = rigaStamp(ms);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(9, 11)}:${s.slice(11, 13)}`;
}

const SUBJECTS: Record<'lv' | 'en', Record<MaintenanceNoticeKind, string>> = {
  lv: {
    announced: 'Plānota apkope',
    changed: 'Mainīta apkope',
    cancelled: 'Atcelta apkope',
    reminder: 'Atgādinājums: rīt apkope',
    completed: 'Apkope pabeigta',
  },
  en: {
    announced: 'Planned maintenance',
    changed: 'Maintenance changed',
    cancelled: 'Maintenance cancelled',
    reminder: 'Reminder: maintenance tomorrow',
    completed: 'Maintenance completed',
  },
};

const LEADS: Record<'lv' | 'en', Record<MaintenanceNoticeKind, string>> = {
  lv: {
    announced: 'Kopas pakalpojumiem plānota apkope; šajā laikā tie var nebūt pieejami.',
    changed: 'Plānotās apkopes laiks vai saturs ir mainīts. Spēkā ir šis:',
    cancelled: 'Plānotā apkope ir atcelta.',
    reminder: 'Atgādinām par apkopi, kas sāksies tuvāko 24 stundu laikā.',
    completed: 'Apkope ir pabeigta; pakalpojumi atkal darbojas kā parasti.',
  },
  en: {
    announced: 'Maintenance is planned for Kopa services; they may be unavailable during it.',
    changed: 'The planned maintenance has changed. It now reads:',
    cancelled: 'The planned maintenance has been cancelled.',
    reminder: 'A reminder of maintenance starting within the next 24 hours.',
    completed: 'The maintenance is over; the services work as usual again.',
  },
};

/**
 * A maintenance notice in one reader's language. Times are Riga wall-clock times, said so; a
 * series' first notice lists every occurrence written so far.
 */
export function maintenanceNotice(kind: MaintenanceNoticeKind, language: 'lv' | 'en', windows: readonly NoticeWindow[], extra: { reason?: string | null; link?: string | null } = {}): { subject: string; text: string } {
  const first = windows[0]!;
  const lv = language === 'lv';
  const lines = [LEADS[language][kind], ''];
  lines.push(first.title);
  if (first.description) lines.push(first.description);
  lines.push(`${lv ? 'Pakalpojumi' : 'Services'}: ${first.serviceNames.join(', ')}`);
  lines.push(lv ? 'Laiks (Rīgas laiks):' : 'Time (Riga time):');
  for (const w of windows) lines.push(`  ${riga(w.startMs)} – ${riga(w.endMs)}`);
  if (extra.reason) lines.push('', `${lv ? 'Iemesls' : 'Reason'}: ${extra.reason}`);
  if (extra.link) lines.push('', extra.link);
  if (kind !== 'completed') lines.push('', lv ? 'Pielikumā — notikums kalendāram (.ics).' : 'Attached: a calendar event (.ics).');
  const when = windows.length > 1 ? `${riga(first.startMs)} (+${windows.length - 1})` : riga(first.startMs);
  return { subject: `[Kopa] ${SUBJECTS[language][kind]}: ${first.title}, ${when}`, text: lines.join('\n') };
}

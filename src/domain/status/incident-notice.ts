import { DEFAULT_ZONE, localDateOf, zoneOffsetMs } from '../calendar/local-time.js';
import { formatDate, localName, type Language, type LocalName } from '../locale.js';
import type { Incident, IncidentImpact, IncidentStatus } from './incident.js';

const STATUS: Record<Language, Record<IncidentStatus, string>> = {
  lv: { investigating: 'Izmeklē', identified: 'Cēlonis noskaidrots', monitoring: 'Novēro', resolved: 'Atrisināts' },
  en: { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' },
};
const IMPACT: Record<Language, Record<IncidentImpact, string>> = {
  lv: { minor: 'neliela', major: 'būtiska', critical: 'kritiska' },
  en: { minor: 'minor', major: 'major', critical: 'critical' },
};
const WORDS = {
  lv: { opened: 'Traucējums', updated: 'Traucējuma jaunumi', resolved: 'Traucējums novērsts', services: 'Skartie pakalpojumi', impact: 'Ietekme', status: 'Statuss', started: 'Sākās', details: 'Sīkāk', unsubscribe: 'Atteikties no šiem paziņojumiem' },
  en: { opened: 'Incident', updated: 'Incident update', resolved: 'Incident resolved', services: 'Affected services', impact: 'Impact', status: 'Status', started: 'Started', details: 'Details', unsubscribe: 'Stop these notices' },
} as const;

/** Which moment of an incident a notice reports: its start, a later update, or its resolution. */
export type IncidentMoment = 'opened' | 'updated' | 'resolved';

export function incidentMoment(incident: Incident): IncidentMoment {
  if (incident.status === 'resolved') return 'resolved';
  return incident.updates.length <= 1 ? 'opened' : 'updated';
}

/** The wall-clock time in Riga: "05.12.2026. 14:05" or "5 December 2026 14:05". */
export function formatRigaTime(iso: string, language: Language): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + zoneOffsetMs(DEFAULT_ZONE, ms)).toISOString();
  return `${formatDate(localDateOf(DEFAULT_ZONE, ms), language)} ${local.slice(11, 16)}`;
}

/**
 * The e-mail telling someone of an incident's latest update, in their language. Operators write the
 * title and messages in one language; the frame around them is the reader's.
 */
export function incidentNotice(
  incident: Incident,
  services: readonly LocalName[],
  language: Language,
  links: { incident: string | null; unsubscribe?: string | undefined },
): { subject: string; text: string } {
  const w = WORDS[language];
  const moment = incidentMoment(incident);
  const latest = incident.updates.at(-1);
  const subject = `Kopa: ${w[moment]} — ${incident.title}`;
  const lines = [
    `${w[moment]}: ${incident.title}`,
    '',
    `${w.status}: ${STATUS[language][incident.status]}`,
    `${w.impact}: ${IMPACT[language][incident.impact]}`,
    `${w.services}: ${services.map((s) => localName(s, language)).join(', ')}`,
    `${w.started}: ${formatRigaTime(incident.startedAt, language)}`,
    ...(latest ? ['', `${formatRigaTime(latest.at, language)} — ${STATUS[language][latest.status]}`, latest.message] : []),
    ...(links.incident ? ['', `${w.details}: ${links.incident}`] : []),
    ...(links.unsubscribe ? ['', `${w.unsubscribe}: ${links.unsubscribe}`] : []),
  ];
  return { subject, text: lines.join('\n') };
}

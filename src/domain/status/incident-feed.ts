import type { Incident, IncidentStatus } from './incident.js';

/** How many entries the Atom feed holds: the latest updates, newest first. */
export const FEED_ENTRIES = 50;

const STATUS_WORDS: Record<IncidentStatus, string> = {
  investigating: 'Izmeklē / Investigating',
  identified: 'Cēlonis noskaidrots / Identified',
  monitoring: 'Novēro / Monitoring',
  resolved: 'Atrisināts / Resolved',
};

export interface FeedEntry {
  /** `urn:uuid:` of the update: an entry keeps its id for ever, so readers never show it twice. */
  id: string;
  incidentId: string;
  title: string;
  /** The update's time: updates are never edited, so it is also the entry's `updated`. */
  at: string;
  impact: Incident['impact'];
  message: string;
}

/**
 * Every update of the incidents as one entry (so a reader hears of each), newest first, at most
 * FEED_ENTRIES. Titles keep the operator's words and add the state in Latvian and English.
 */
export function feedEntries(incidents: readonly Incident[]): FeedEntry[] {
  const entries = incidents.flatMap((incident) =>
    incident.updates.map((u) => ({ id: `urn:uuid:${u.id}`, incidentId: incident.id, title: `${incident.title} — ${STATUS_WORDS[u.status]}`, at: u.at, impact: incident.impact, message: u.message })),
  );
  entries.sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  return entries.slice(0, FEED_ENTRIES);
}

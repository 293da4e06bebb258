/** What the recurrence picker offers: none, weekly on weekdays, or monthly on the n-th weekday. */
export type RecurrenceChoice =
  | { kind: 'none' }
  | { kind: 'weekly' | 'monthly'; weekday: Weekday; ordinal: Ordinal; end: { by: 'count'; count: number } | { by: 'until'; until: string } };

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Which one of the month: 1st–4th, or the last (−1). */
export const ORDINALS = [1, 2, 3, 4, -1] as const;
export type Ordinal = (typeof ORDINALS)[number];

/**
 * The RFC 5545 RRULE the server expects (null for a single window), e.g. FREQ=MONTHLY;BYDAY=2TU;COUNT=6.
 * `until` is a local date (YYYY-MM-DD): the whole day counts.
 */
export function recurrenceRule(choice: RecurrenceChoice): string | null {
  if (choice.kind === 'none') return null;
  const day = choice.kind === 'monthly' ? `${choice.ordinal}${choice.weekday}` : choice.weekday;
  const end = choice.end.by === 'count' ? `COUNT=${choice.end.count}` : `UNTIL=${choice.end.until.replace(/-/g, '')}`;
  return `FREQ=${choice.kind === 'weekly' ? 'WEEKLY' : 'MONTHLY'};BYDAY=${day};${end}`;
}

/** The weekday and its ordinal in the month of a local date, to start the picker on the chosen start. */
export function weekdayOf(date: string): { weekday: Weekday; ordinal: Ordinal } {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = WEEKDAYS[(d.getUTCDay() + 6) % 7]!;
  const n = Math.ceil(d.getUTCDate() / 7);
  return { weekday, ordinal: (n > 4 ? -1 : n) as Ordinal };
}

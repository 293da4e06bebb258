import { DEFAULT_CALENDAR_ID, DEFAULT_DESK_TARGETS, type Agreement, type DeskTarget, type Priority } from '../agreement.js';
import type { LocalDate } from '../local-date.js';

/**
 * The terms a new ticket is measured by: the agreement in force that day (the latest started
 * if several), else the most recent one, else DESIGN.md's defaults on the lv calendar.
 */
export function termsForTicket(agreements: Agreement[], today: LocalDate, priority: Priority): { agreementId: string | null; calendarId: string; target: DeskTarget } {
  const started = agreements.filter((a) => a.effectiveFrom <= today).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  const inForce = started.find((a) => a.effectiveTo === null || a.effectiveTo >= today);
  const chosen = inForce ?? started[0] ?? [...agreements].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))[0];
  if (!chosen) return { agreementId: null, calendarId: DEFAULT_CALENDAR_ID, target: DEFAULT_DESK_TARGETS[priority] };
  return { agreementId: chosen.id, calendarId: chosen.calendarId, target: chosen.deskTargets[priority] };
}

import { FieldErrors } from './errors.js';
import { compareLocalDates, isLocalDate, type LocalDate } from './local-date.js';
import { addMonths, firstDayOf } from './calendar/month.js';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface DeskTarget {
  reactionMinutes: number;
  resolutionMinutes: number;
}
export type DeskTargets = Record<Priority, DeskTarget>;

/** DESIGN.md's defaults, in business minutes. */
export const DEFAULT_DESK_TARGETS: DeskTargets = {
  P1: { reactionMinutes: 60, resolutionMinutes: 480 },
  P2: { reactionMinutes: 120, resolutionMinutes: 960 },
  P3: { reactionMinutes: 240, resolutionMinutes: 2400 },
  P4: { reactionMinutes: 480, resolutionMinutes: 4800 },
};
export const DEFAULT_AVAILABILITY_TARGET_PERCENT = 97;
export const DEFAULT_CALENDAR_ID = 'lv';
export const DEFAULT_MAINTENANCE_NOTICE_HOURS = 48;

/** The terms of a cooperation agreement as they stand in one version. */
export interface AgreementTerms {
  number: string;
  signedOn: LocalDate;
  effectiveFrom: LocalDate;
  effectiveTo: LocalDate | null;
  availabilityTargetPercent: number;
  calendarId: string;
  maintenanceNoticeHours: number;
  deskTargets: DeskTargets;
  buyerReference: string | null;
  vatExempt: boolean;
}

export interface Agreement extends AgreementTerms {
  id: string;
  tenantId: string;
  version: number;
  changeNote: string | null;
  createdAt: string;
  createdBy: string | null;
}

export function withDefaults(input: Partial<AgreementTerms> & Pick<AgreementTerms, 'number' | 'signedOn' | 'effectiveFrom'>): AgreementTerms {
  return {
    number: input.number.trim(),
    signedOn: input.signedOn,
    effectiveFrom: input.effectiveFrom,
    effectiveTo: input.effectiveTo ?? null,
    availabilityTargetPercent: input.availabilityTargetPercent ?? DEFAULT_AVAILABILITY_TARGET_PERCENT,
    calendarId: input.calendarId ?? DEFAULT_CALENDAR_ID,
    maintenanceNoticeHours: input.maintenanceNoticeHours ?? DEFAULT_MAINTENANCE_NOTICE_HOURS,
    deskTargets: input.deskTargets ?? DEFAULT_DESK_TARGETS,
    buyerReference: input.buyerReference?.trim() || null,
    vatExempt: input.vatExempt ?? false,
  };
}

export function validateAgreementTerms(terms: AgreementTerms, errors = new FieldErrors()): FieldErrors {
  if (!terms.number) errors.add('number', 'required', 'must not be empty');
  for (const field of ['signedOn', 'effectiveFrom', 'effectiveTo'] as const) {
    const value = terms[field];
    if (value !== null && !isLocalDate(value)) errors.add(field, 'invalid_date', 'must be a date YYYY-MM-DD');
  }
  if (terms.effectiveTo !== null && isLocalDate(terms.effectiveTo) && isLocalDate(terms.effectiveFrom)) {
    if (compareLocalDates(terms.effectiveTo, terms.effectiveFrom) < 0) {
      errors.add('effectiveTo', 'not_before', 'must not be before effectiveFrom', { other: 'effectiveFrom' });
    }
  }
  if (!(terms.availabilityTargetPercent > 0 && terms.availabilityTargetPercent <= 100)) {
    errors.add('availabilityTargetPercent', 'percentage', 'must be more than 0 and at most 100');
  } else if (Math.round(terms.availabilityTargetPercent * 1000) !== terms.availabilityTargetPercent * 1000) {
    errors.add('availabilityTargetPercent', 'too_many_decimals', 'must have at most 3 decimals', { max: 3 });
  }
  if (!Number.isInteger(terms.maintenanceNoticeHours) || terms.maintenanceNoticeHours < 0 || terms.maintenanceNoticeHours > 720) {
    errors.add('maintenanceNoticeHours', 'out_of_range', 'must be a whole number of hours from 0 to 720', { min: 0, max: 720 });
  }
  for (const p of PRIORITIES) {
    const t = terms.deskTargets[p];
    if (!t) {
      errors.add(`deskTargets.${p}`, 'required', 'is missing');
      continue;
    }
    if (!Number.isInteger(t.reactionMinutes) || t.reactionMinutes <= 0) errors.add(`deskTargets.${p}.reactionMinutes`, 'too_small', 'must be a positive whole number', { min: 1 });
    if (!Number.isInteger(t.resolutionMinutes) || t.resolutionMinutes <= 0) errors.add(`deskTargets.${p}.resolutionMinutes`, 'too_small', 'must be a positive whole number', { min: 1 });
    else if (t.reactionMinutes > t.resolutionMinutes) errors.add(`deskTargets.${p}.resolutionMinutes`, 'not_shorter_than', 'must not be shorter than the reaction target', { other: 'reactionMinutes' });
  }
  if (terms.buyerReference !== null && terms.buyerReference.length > 200) errors.add('buyerReference', 'too_long', 'must be at most 200 characters', { max: 200 });
  return errors;
}

/**
 * Is the agreement in force on some day of [from, toExclusive)? `effectiveTo` is the
 * last day in force, as agreements are written ("valid until 31 December 2027").
 */
export function isInForceDuring(terms: Pick<AgreementTerms, 'effectiveFrom' | 'effectiveTo'>, from: LocalDate, toExclusive: LocalDate): boolean {
  return terms.effectiveFrom < toExclusive && (terms.effectiveTo === null || terms.effectiveTo >= from);
}

/** The agreement that governs a month: of those in force on some day of it, the one that started last. */
export function agreementForMonth<T extends Pick<AgreementTerms, 'effectiveFrom' | 'effectiveTo'>>(agreements: T[], month: string): T | undefined {
  const first = firstDayOf(month);
  const next = firstDayOf(addMonths(month, 1));
  return agreements.filter((a) => isInForceDuring(a, first, next)).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** Which fields changed between two versions; the history view shows these. */
export function changedTerms(before: AgreementTerms, after: AgreementTerms): (keyof AgreementTerms)[] {
  const keys = Object.keys(after) as (keyof AgreementTerms)[];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

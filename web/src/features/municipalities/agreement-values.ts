import type { TFunction } from 'i18next';
import type { FieldError } from '../../api/problem';
import type { DeskTargetValues } from '../../components/desk-targets-fields';
import { PRIORITIES } from '../../roles';
import type { Agreement, AgreementInput, DeskTargets, NewAgreementInput } from './queries';
import { DATE, isWholeNumber } from '../../validation';

export const DEFAULT_DESK_TARGETS: DeskTargets = {
  P1: { reactionMinutes: 60, resolutionMinutes: 480 },
  P2: { reactionMinutes: 120, resolutionMinutes: 960 },
  P3: { reactionMinutes: 240, resolutionMinutes: 2400 },
  P4: { reactionMinutes: 480, resolutionMinutes: 4800 },
};

/** The agreement form's text values. */
export interface AgreementValues {
  number: string;
  signedOn: string;
  effectiveFrom: string;
  effectiveTo: string;
  availabilityTargetPercent: string;
  calendarId: string;
  maintenanceNoticeHours: string;
  deskTargets: DeskTargetValues;
  buyerReference: string;
  vatExempt: boolean;
  changeNote: string;
}

function targetsToText(targets: DeskTargets): DeskTargetValues {
  const out = {} as DeskTargetValues;
  for (const p of PRIORITIES) out[p] = { reactionMinutes: String(targets[p].reactionMinutes), resolutionMinutes: String(targets[p].resolutionMinutes) };
  return out;
}

export function initialAgreementValues(agreement?: Agreement): AgreementValues {
  return {
    number: agreement?.number ?? '',
    signedOn: agreement?.signedOn ?? '',
    effectiveFrom: agreement?.effectiveFrom ?? '',
    effectiveTo: agreement?.effectiveTo ?? '',
    availabilityTargetPercent: String(agreement?.availabilityTargetPercent ?? 97),
    calendarId: agreement?.calendarId ?? 'lv',
    maintenanceNoticeHours: String(agreement?.maintenanceNoticeHours ?? 48),
    deskTargets: targetsToText(agreement?.deskTargets ?? DEFAULT_DESK_TARGETS),
    buyerReference: agreement?.buyerReference ?? '',
    vatExempt: agreement?.vatExempt ?? false,
    changeNote: '',
  };
}

const decimal = (text: string) => Number(text.trim().replace(',', '.'));

export function validateAgreement(t: TFunction, v: AgreementValues, editing: boolean): FieldError[] {
  const list: FieldError[] = [];
  if (!v.number.trim()) list.push({ field: 'number', message: t('validation.required') });
  for (const field of ['signedOn', 'effectiveFrom'] as const) {
    if (!DATE.test(v[field])) list.push({ field, message: t('validation.date') });
  }
  if (v.effectiveTo) {
    if (!DATE.test(v.effectiveTo)) list.push({ field: 'effectiveTo', message: t('validation.date') });
    else if (DATE.test(v.effectiveFrom) && v.effectiveTo < v.effectiveFrom) list.push({ field: 'effectiveTo', message: t('validation.effectiveTo') });
  }
  const target = decimal(v.availabilityTargetPercent);
  if (!/^\d+([.,]\d{1,3})?$/.test(v.availabilityTargetPercent.trim()) || !(target > 0 && target <= 100)) {
    list.push({ field: 'availabilityTargetPercent', message: t('validation.availability') });
  }
  if (!v.calendarId) list.push({ field: 'calendarId', message: t('validation.required') });
  if (!isWholeNumber(v.maintenanceNoticeHours, 0, 720)) list.push({ field: 'maintenanceNoticeHours', message: t('validation.noticeHours') });
  for (const p of PRIORITIES) {
    for (const kind of ['reactionMinutes', 'resolutionMinutes'] as const) {
      if (!isWholeNumber(v.deskTargets[p][kind], 1)) list.push({ field: `deskTargets.${p}.${kind}`, message: t('validation.minutes') });
    }
    if (isWholeNumber(v.deskTargets[p].reactionMinutes, 1) && isWholeNumber(v.deskTargets[p].resolutionMinutes, 1) && Number(v.deskTargets[p].resolutionMinutes) < Number(v.deskTargets[p].reactionMinutes)) {
      list.push({ field: `deskTargets.${p}.resolutionMinutes`, message: t('validation.resolutionBeforeReaction') });
    }
  }
  if (v.buyerReference.length > 200) list.push({ field: 'buyerReference', message: t('validation.maxLength', { count: 200 }) });
  if (editing && v.changeNote.length > 500) list.push({ field: 'changeNote', message: t('validation.maxLength', { count: 500 }) });
  return list;
}

export function toAgreementInput(v: AgreementValues): NewAgreementInput {
  const deskTargets = {} as DeskTargets;
  for (const p of PRIORITIES) deskTargets[p] = { reactionMinutes: Number(v.deskTargets[p].reactionMinutes), resolutionMinutes: Number(v.deskTargets[p].resolutionMinutes) };
  return {
    number: v.number.trim(),
    signedOn: v.signedOn,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo || null,
    availabilityTargetPercent: decimal(v.availabilityTargetPercent),
    calendarId: v.calendarId,
    maintenanceNoticeHours: Number(v.maintenanceNoticeHours),
    deskTargets,
    buyerReference: v.buyerReference.trim() || null,
    vatExempt: v.vatExempt,
  };
}

/** The fields that differ from the current version (a new version records only real changes). */
export function agreementChanges(next: AgreementInput, current: Agreement): AgreementInput {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify((current as unknown as Record<string, unknown>)[key] ?? null)) out[key] = value;
  }
  return out as AgreementInput;
}

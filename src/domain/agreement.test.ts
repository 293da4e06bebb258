import { describe, expect, it } from 'vitest';
import { changedTerms, DEFAULT_DESK_TARGETS, isInForceDuring, validateAgreementTerms, withDefaults } from './agreement.js';
import type { KopaError } from './errors.js';

const base = withDefaults({ number: 'RDA-1', signedOn: '2025-12-01', effectiveFrom: '2026-01-01' });

function fieldsOf(fn: () => void): string[] {
  try {
    fn();
  } catch (e) {
    return (e as KopaError).errors.map((x) => x.field);
  }
  return [];
}

describe('cooperation agreement terms', () => {
  it('fills DESIGN.md defaults', () => {
    expect(base).toMatchObject({ availabilityTargetPercent: 97, calendarId: 'lv', maintenanceNoticeHours: 48, vatExempt: false, effectiveTo: null });
    expect(base.deskTargets.P3).toEqual({ reactionMinutes: 240, resolutionMinutes: 2400 });
  });

  it('reports every broken rule with its field', () => {
    const bad = {
      ...base,
      effectiveFrom: '2026-02-30',
      availabilityTargetPercent: 0,
      maintenanceNoticeHours: -1,
      deskTargets: { ...DEFAULT_DESK_TARGETS, P2: { reactionMinutes: 500, resolutionMinutes: 100 } },
    };
    expect(fieldsOf(() => validateAgreementTerms(bad).throwIfAny()).sort()).toEqual(
      ['availabilityTargetPercent', 'deskTargets.P2.resolutionMinutes', 'effectiveFrom', 'maintenanceNoticeHours'].sort(),
    );
  });

  it('allows a one-day agreement but not one ending before it starts', () => {
    expect(fieldsOf(() => validateAgreementTerms({ ...base, effectiveTo: '2026-01-01' }).throwIfAny())).toEqual([]);
    expect(fieldsOf(() => validateAgreementTerms({ ...base, effectiveTo: '2025-12-31' }).throwIfAny())).toEqual(['effectiveTo']);
  });

  it('is in force in a month when any day of it is covered (effectiveTo inclusive)', () => {
    const terms = { effectiveFrom: '2026-03-15', effectiveTo: '2026-05-01' };
    expect(isInForceDuring(terms, '2026-02-01', '2026-03-01')).toBe(false);
    expect(isInForceDuring(terms, '2026-03-01', '2026-04-01')).toBe(true);
    expect(isInForceDuring(terms, '2026-05-01', '2026-06-01')).toBe(true);
    expect(isInForceDuring(terms, '2026-06-01', '2026-07-01')).toBe(false);
    expect(isInForceDuring({ effectiveFrom: '2026-03-15', effectiveTo: null }, '2030-01-01', '2030-02-01')).toBe(true);
  });

  it('lists what changed between versions', () => {
    expect(changedTerms(base, { ...base, availabilityTargetPercent: 98, buyerReference: 'X' })).toEqual(['availabilityTargetPercent', 'buyerReference']);
    expect(changedTerms(base, { ...base })).toEqual([]);
  });
});

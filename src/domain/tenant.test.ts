import { describe, expect, it } from 'vitest';
import { canChangeStatus, validateTenant } from './tenant.js';

const fields = (input: Parameters<typeof validateTenant>[0]) => {
  const errors = validateTenant(input);
  try {
    errors.throwIfAny();
    return [];
  } catch (e) {
    return (e as { errors: { field: string }[] }).errors.map((x) => x.field);
  }
};

describe('tenant rules', () => {
  it('accepts a complete Latvian municipality', () => {
    expect(
      fields({
        name: 'Cēsu novada pašvaldība',
        registrationNumber: '90000031828',
        vatNumber: 'LV90000031828',
        address: { street: 'Raunas iela 4', city: 'Cēsis', postalCode: 'LV-4101', country: 'LV' },
        peppolScheme: '0218',
      }),
    ).toEqual([]);
  });

  it('names each wrong field', () => {
    expect(
      fields({
        name: ' ',
        registrationNumber: '90000031829',
        vatNumber: 'LV90011524360',
        address: { street: 'x', city: '', postalCode: '4101', country: 'LV' },
        peppolScheme: '0088',
      }),
    ).toEqual(['name', 'registrationNumber', 'vatNumber', 'address.city', 'address.postalCode', 'peppolScheme']);
  });

  it('allows the onboarding → active → suspended → active → offboarded life, and nothing after offboarding', () => {
    expect(canChangeStatus('onboarding', 'active')).toBe(true);
    expect(canChangeStatus('active', 'suspended')).toBe(true);
    expect(canChangeStatus('suspended', 'active')).toBe(true);
    expect(canChangeStatus('active', 'offboarded')).toBe(true);
    expect(canChangeStatus('offboarded', 'active')).toBe(false);
    expect(canChangeStatus('active', 'onboarding')).toBe(false);
  });
});

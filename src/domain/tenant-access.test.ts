import { describe, expect, it } from 'vitest';
import { TENANT_STATUSES } from './tenant.js';
import { tenantAccessRefusal, type AccessIntent, type AccessSubject } from './tenant-access.js';

const person: AccessSubject = { kind: 'user', role: 'tenant_admin', tenantId: 'ogre' };
const token: AccessSubject = { kind: 'token', role: 'tenant_user', tenantId: 'ogre' };
const INTENTS: AccessIntent[] = ['read', 'write', 'own_account'];

describe('a municipality’s standing limits its people and tokens', () => {
  it('onboarding and active municipalities are not limited', () => {
    for (const status of ['onboarding', 'active'] as const) {
      for (const intent of INTENTS) {
        expect(tenantAccessRefusal(person, status, intent)).toBeNull();
        expect(tenantAccessRefusal(token, status, intent)).toBeNull();
      }
    }
  });

  it('suspended: reads pass, writes are refused, a person keeps their own account but a token has none', () => {
    expect(tenantAccessRefusal(person, 'suspended', 'read')).toBeNull();
    expect(tenantAccessRefusal(token, 'suspended', 'read')).toBeNull();
    expect(tenantAccessRefusal(person, 'suspended', 'write')).toBe('tenant_suspended');
    expect(tenantAccessRefusal(token, 'suspended', 'write')).toBe('tenant_suspended');
    expect(tenantAccessRefusal(person, 'suspended', 'own_account')).toBeNull();
    expect(tenantAccessRefusal(token, 'suspended', 'own_account')).toBe('tenant_suspended');
  });

  it('offboarded: everything is refused, signing in included', () => {
    for (const intent of INTENTS) {
      expect(tenantAccessRefusal(person, 'offboarded', intent)).toBe('tenant_offboarded');
      expect(tenantAccessRefusal(token, 'offboarded', intent)).toBe('tenant_offboarded');
    }
  });

  it('agency staff and the system are never limited by a municipality', () => {
    for (const status of [...TENANT_STATUSES, null]) {
      for (const intent of INTENTS) {
        expect(tenantAccessRefusal({ kind: 'user', role: 'operator', tenantId: null }, status, intent)).toBeNull();
        expect(tenantAccessRefusal({ kind: 'token', role: 'finance', tenantId: null }, status, intent)).toBeNull();
        expect(tenantAccessRefusal({ kind: 'system', role: 'system', tenantId: null }, status, intent)).toBeNull();
      }
    }
  });
});

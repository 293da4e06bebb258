import { describe, expect, it } from 'vitest';
import { tokenAccess, type TokenStanding } from './token-access.js';

const now = new Date('2026-12-03T10:00:00Z');
const admin = { active: true, role: 'tenant_admin' as const, tenantId: 'cesis' };
const base: TokenStanding = { role: 'tenant_admin', tenantId: 'cesis', expiresAt: null, revokedAt: null, createdByUserId: 'u1', creator: admin, tenantStatus: 'active' };
const access = (changes: Partial<TokenStanding>) => tokenAccess({ ...base, ...changes }, now);

describe('whether a token works now, and why not', () => {
  it('a token of an active creator who could still grant it works fully', () => {
    expect(access({})).toEqual({ access: 'full', reason: null });
    expect(access({ role: 'tenant_user' })).toEqual({ access: 'full', reason: null });
  });

  it('stops with its creator: deactivated, missing, demoted, or moved out of the municipality', () => {
    expect(access({ creator: { ...admin, active: false } })).toEqual({ access: 'none', reason: 'creator_inactive' });
    expect(access({ creator: null })).toEqual({ access: 'none', reason: 'creator_inactive' });
    expect(access({ creator: { ...admin, role: 'tenant_user' } })).toEqual({ access: 'none', reason: 'creator_role_changed' });
    expect(access({ creator: { ...admin, tenantId: 'ogre' } })).toEqual({ access: 'none', reason: 'creator_role_changed' });
    const agency = { role: 'finance' as const, tenantId: null, tenantStatus: null };
    expect(access({ ...agency, creator: { active: true, role: 'operator', tenantId: null } }).access).toBe('full');
    expect(access({ ...agency, creator: { active: true, role: 'desk_agent', tenantId: null } })).toEqual({ access: 'none', reason: 'creator_role_changed' });
  });

  it('an operator’s municipality token stands while the operator is an operator', () => {
    expect(access({ creator: { active: true, role: 'operator', tenantId: null } }).access).toBe('full');
  });

  it('tokens no person made are bound by nothing but revocation, expiry and their municipality', () => {
    expect(access({ createdByUserId: null, creator: null })).toEqual({ access: 'full', reason: null });
    expect(access({ createdByUserId: null, creator: null, tenantStatus: 'offboarded' })).toEqual({ access: 'none', reason: 'tenant_offboarded' });
  });

  it('follows the municipality: read only while suspended, nothing once offboarded', () => {
    expect(access({ tenantStatus: 'suspended' })).toEqual({ access: 'read_only', reason: 'tenant_suspended_read_only' });
    expect(access({ tenantStatus: 'offboarded' })).toEqual({ access: 'none', reason: 'tenant_offboarded' });
    expect(access({ tenantStatus: 'onboarding' }).access).toBe('full');
  });

  it('revoked before expired before everything else; expiry is exclusive of the instant', () => {
    const all = { revokedAt: new Date('2026-01-01'), expiresAt: new Date('2026-02-01'), tenantStatus: 'offboarded' as const, creator: { ...admin, active: false } };
    expect(access(all).reason).toBe('revoked');
    expect(access({ ...all, revokedAt: null }).reason).toBe('expired');
    expect(access({ ...all, revokedAt: null, expiresAt: null }).reason).toBe('tenant_offboarded');
    expect(access({ ...all, revokedAt: null, expiresAt: null, tenantStatus: 'suspended' }).reason).toBe('creator_inactive');
    expect(access({ expiresAt: now }).reason).toBe('expired');
    expect(access({ expiresAt: new Date(now.getTime() + 1) }).access).toBe('full');
  });
});

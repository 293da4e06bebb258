import { describe, expect, it } from 'vitest';
import type { KopaError } from './errors.js';
import { assertsMultiFactor, checkProviderFields, isLocalPath, mappedRole, matchPerson, providerFitsEmail, type MatchInput, type ProviderFields } from './identity-provider.js';

const CESIS = '11111111-1111-4111-8111-111111111111';
const fields = (over: Partial<ProviderFields> = {}): ProviderFields => ({
  tenantId: CESIS,
  name: 'Cēsu Entra ID',
  issuer: 'https://login.example.lv/realms/cesis/',
  clientId: 'kopa',
  emailDomains: ['Cesis.lv', '@cesis.lv'],
  createPeople: false,
  defaultRole: 'tenant_user',
  mfaAcrValues: [],
  roleClaim: null,
  roleMapping: [],
  enabled: true,
  ...over,
});

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    return (error as KopaError).errors.map((e) => e.field);
  }
  return [];
}

describe('identity provider settings', () => {
  it('normalises the issuer and the domains', () => {
    expect(checkProviderFields(fields())).toMatchObject({ issuer: 'https://login.example.lv/realms/cesis', emailDomains: ['cesis.lv'] });
  });

  it("never gives an agency role through a municipality's provider, nor a municipality role through the agency's", () => {
    expect(fieldsOf(() => checkProviderFields(fields({ defaultRole: 'operator' })))).toEqual(['defaultRole']);
    expect(fieldsOf(() => checkProviderFields(fields({ tenantId: null, defaultRole: 'tenant_admin' })))).toEqual(['defaultRole']);
    expect(checkProviderFields(fields({ tenantId: null, defaultRole: 'desk_agent' })).defaultRole).toBe('desk_agent');
  });

  it('wants an https issuer (http only on loopback) and real domains', () => {
    expect(fieldsOf(() => checkProviderFields(fields({ issuer: 'http://login.example.lv' })))).toEqual(['issuer']);
    expect(fieldsOf(() => checkProviderFields(fields({ issuer: 'https://x.lv/?a=1' })))).toEqual(['issuer']);
    expect(checkProviderFields(fields({ issuer: 'http://127.0.0.1:4000' })).issuer).toBe('http://127.0.0.1:4000');
    expect(fieldsOf(() => checkProviderFields(fields({ emailDomains: [] })))).toEqual(['emailDomains']);
    expect(fieldsOf(() => checkProviderFields(fields({ emailDomains: ['not a domain'] })))).toEqual(['emailDomains.0']);
  });

  it('fits e-mails by their exact domain only', () => {
    expect(providerFitsEmail({ emailDomains: ['cesis.lv'] }, 'Anna@Cesis.LV')).toBe(true);
    expect(providerFitsEmail({ emailDomains: ['cesis.lv'] }, 'anna@dome.cesis.lv')).toBe(false);
    expect(providerFitsEmail({ emailDomains: ['cesis.lv'] }, 'anna@cesis.lv.evil.example')).toBe(false);
  });
});

describe("an operator's claim → role mapping", () => {
  it('is all or nothing, with unique values and roles of the provider\'s organisation only', () => {
    expect(fieldsOf(() => checkProviderFields(fields({ roleClaim: 'groups' })))).toEqual(['roleMapping']);
    expect(fieldsOf(() => checkProviderFields(fields({ roleMapping: [{ value: 'kopa-admins', role: 'tenant_admin' }] })))).toEqual(['roleClaim']);
    expect(fieldsOf(() => checkProviderFields(fields({ roleClaim: 'groups', roleMapping: [{ value: 'x', role: 'operator' }] })))).toEqual(['roleMapping.0.role']);
    expect(fieldsOf(() => checkProviderFields(fields({ tenantId: null, defaultRole: 'desk_agent', roleClaim: 'groups', roleMapping: [{ value: 'x', role: 'tenant_admin' }] })))).toEqual(['roleMapping.0.role']);
    expect(
      fieldsOf(() => checkProviderFields(fields({ roleClaim: 'groups', roleMapping: [{ value: 'a', role: 'tenant_user' }, { value: ' a ', role: 'tenant_admin' }, { value: '', role: 'tenant_user' }] }))),
    ).toEqual(['roleMapping.1.value', 'roleMapping.2.value']);
    expect(fieldsOf(() => checkProviderFields(fields({ roleClaim: 'has space', roleMapping: [{ value: 'a', role: 'tenant_user' }] })))).toEqual(['roleClaim']);
    expect(checkProviderFields(fields({ roleClaim: ' groups ', roleMapping: [{ value: ' kopa-admins ', role: 'tenant_admin' }] }))).toMatchObject({
      roleClaim: 'groups',
      roleMapping: [{ value: 'kopa-admins', role: 'tenant_admin' }],
    });
  });

  it('gives the role of the first entry the claim carries (a string or a list), else none', () => {
    const provider = { roleClaim: 'groups', roleMapping: [{ value: 'kopa-admins', role: 'tenant_admin' as const }, { value: 'staff', role: 'tenant_user' as const }] };
    expect(mappedRole(provider, { groups: ['staff', 'kopa-admins'] })).toBe('tenant_admin');
    expect(mappedRole(provider, { groups: 'staff' })).toBe('tenant_user');
    expect(mappedRole(provider, { groups: ['other'] })).toBeNull();
    expect(mappedRole(provider, { roles: ['kopa-admins'] })).toBeNull();
    expect(mappedRole(provider, { groups: [{ name: 'kopa-admins' }] })).toBeNull();
    expect(mappedRole({ roleClaim: null, roleMapping: [] }, { groups: ['kopa-admins'] })).toBeNull();
  });
});

describe('multi-factor assertion', () => {
  it('counts mfa, otp, hwk and swk, or a configured acr', () => {
    expect(assertsMultiFactor({ amr: ['pwd', 'otp'] }, [])).toBe(true);
    expect(assertsMultiFactor({ amr: ['hwk'] }, [])).toBe(true);
    expect(assertsMultiFactor({ amr: ['pwd'] }, [])).toBe(false);
    expect(assertsMultiFactor({ amr: 'mfa' }, [])).toBe(false);
    expect(assertsMultiFactor({ acr: 'urn:eparaksts:high' }, ['urn:eparaksts:high'])).toBe(true);
    expect(assertsMultiFactor({ acr: 'urn:eparaksts:low' }, ['urn:eparaksts:high'])).toBe(false);
  });
});

describe('returnTo', () => {
  it('is a path on Kopa only', () => {
    expect(isLocalPath('/tickets?status=open')).toBe(true);
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/a\nb', 'tickets']) expect(isLocalPath(bad), bad).toBe(false);
  });
});

describe('matching a person', () => {
  const provider = { tenantId: CESIS, emailDomains: ['cesis.lv'], createPeople: false };
  const base: MatchInput = { provider, linked: null, email: 'anna@cesis.lv', emailVerified: true, byEmail: null };
  const person = { tenantId: CESIS, active: true };

  it('links by verified e-mail within the organisation, then by sub', () => {
    expect(matchPerson({ ...base, byEmail: person })).toEqual({ kind: 'link' });
    expect(matchPerson({ ...base, linked: person, email: null })).toEqual({ kind: 'linked' });
  });

  it('refuses an unverified e-mail, another organisation, a deactivated person and strangers', () => {
    expect(matchPerson({ ...base, emailVerified: false, byEmail: person })).toEqual({ kind: 'refuse', reason: 'sso_email_unverified' });
    expect(matchPerson({ ...base, email: 'anna@sigulda.lv', byEmail: { ...person, tenantId: 'other' } })).toEqual({ kind: 'refuse', reason: 'sso_wrong_organisation' });
    expect(matchPerson({ ...base, byEmail: { ...person, tenantId: 'other' } })).toEqual({ kind: 'refuse', reason: 'sso_wrong_organisation' });
    expect(matchPerson({ ...base, byEmail: { ...person, active: false } })).toEqual({ kind: 'refuse', reason: 'sso_inactive' });
    expect(matchPerson({ ...base, linked: { ...person, active: false } })).toEqual({ kind: 'refuse', reason: 'sso_inactive' });
    expect(matchPerson(base)).toEqual({ kind: 'refuse', reason: 'sso_unknown_person' });
    expect(matchPerson({ ...base, provider: { ...provider, createPeople: true } })).toEqual({ kind: 'create' });
  });
});

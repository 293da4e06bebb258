import { FieldErrors, type FieldProblem } from './errors.js';
import { isAgencyRole, isRole, isTenantRole, type Role } from './roles.js';
import { normalizeEmail } from './user.js';

/** An OpenID Provider a municipality (tenantId) or the agency (null) signs its people in with. */
export interface IdentityProvider {
  id: string;
  tenantId: string | null;
  name: string;
  issuer: string;
  clientId: string;
  emailDomains: string[];
  createPeople: boolean;
  defaultRole: Role;
  /** `acr` values that count as a second factor, besides the amr values of MFA_AMR_VALUES. */
  mfaAcrValues: string[];
  /** The ID-token claim an operator maps to roles; null: roles come from Kopa alone. */
  roleClaim: string | null;
  /** Claim value → role, in order of precedence; empty exactly when roleClaim is null. */
  roleMapping: RoleMappingEntry[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProviderFields {
  tenantId: string | null;
  name: string;
  issuer: string;
  clientId: string;
  emailDomains: string[];
  createPeople: boolean;
  defaultRole: Role;
  mfaAcrValues: string[];
  roleClaim: string | null;
  roleMapping: RoleMappingEntry[];
  enabled: boolean;
}

/** One explicit rule of an operator: a person whose role claim carries `value` gets `role`. */
export interface RoleMappingEntry {
  value: string;
  role: Role;
}

/** At most this many mapping entries: a mapping names groups, not people. */
export const MAX_ROLE_MAPPING = 20;

/** Authentication methods (RFC 8176) that prove more than one factor: the provider did Kopa's second step. */
export const MFA_AMR_VALUES = ['mfa', 'otp', 'hwk', 'swk'] as const;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The role a provider's new people get when none is given: the least one of its organisation. */
export function defaultRoleFor(tenantId: string | null): Role {
  return tenantId === null ? 'desk_agent' : 'tenant_user';
}

/**
 * A provider's settings as they may be stored. The issuer is https (http only on this machine's
 * loopback, for development and tests), and a municipality's provider never hands out an agency role,
 * nor the agency's a municipality role (it has no municipality to put the person in).
 */
export function checkProviderFields(fields: ProviderFields): ProviderFields {
  const errors = new FieldErrors();
  const name = fields.name.trim();
  if (name.length === 0 || name.length > 100) errors.add('name', 'length_between', 'must have 1 to 100 characters', { min: 1, max: 100 });
  const issuer = fields.issuer.trim().replace(/\/+$/, '');
  const issuerProblem = issuerUrlProblem(issuer);
  if (issuerProblem) errors.addProblem('issuer', issuerProblem);
  if (fields.clientId.trim().length === 0) errors.add('clientId', 'required', 'is required');
  const emailDomains = [...new Set(fields.emailDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')))];
  if (emailDomains.length === 0) errors.add('emailDomains', 'too_few', 'must name at least one e-mail domain', { min: 1 });
  emailDomains.forEach((d, i) => {
    if (!DOMAIN.test(d)) errors.add(`emailDomains.${i}`, 'invalid_domain', 'must be a domain such as cesis.lv');
  });
  if (!isRole(fields.defaultRole)) errors.add('defaultRole', 'role_not_allowed', 'must be a role');
  else if (fields.tenantId !== null && !isTenantRole(fields.defaultRole)) errors.add('defaultRole', 'provider_tenant_roles_only', "a municipality's provider may only give tenant_admin or tenant_user");
  else if (fields.tenantId === null && !isAgencyRole(fields.defaultRole)) errors.add('defaultRole', 'provider_agency_roles_only', "the agency's provider may only give an agency role");
  const mfaAcrValues = [...new Set(fields.mfaAcrValues.map((v) => v.trim()).filter((v) => v.length > 0))];
  const { roleClaim, roleMapping } = checkRoleMapping(fields, errors);
  errors.throwIfAny();
  return { ...fields, name, issuer, clientId: fields.clientId.trim(), emailDomains, mfaAcrValues, roleClaim, roleMapping };
}

/**
 * A claim → role mapping is all or nothing: a claim name with at least one entry, or neither.
 * Values are unique; roles are of the provider's organisation (never an agency role for a
 * municipality's provider, never a municipality role for the agency's).
 */
function checkRoleMapping(fields: Pick<ProviderFields, 'tenantId' | 'roleClaim' | 'roleMapping'>, errors: FieldErrors): Pick<ProviderFields, 'roleClaim' | 'roleMapping'> {
  const roleClaim = fields.roleClaim === null ? null : fields.roleClaim.trim();
  const roleMapping = fields.roleMapping.map((e) => ({ value: e.value.trim(), role: e.role }));
  if (roleClaim !== null && (roleClaim.length === 0 || roleClaim.length > 100 || !/^[\x21-\x7e]+$/.test(roleClaim))) {
    errors.add('roleClaim', 'invalid_claim_name', 'must be a claim name of 1 to 100 visible characters, such as groups or roles');
  }
  if (roleClaim !== null && roleMapping.length === 0) errors.add('roleMapping', 'too_few', 'must map at least one claim value to a role when roleClaim is set', { min: 1 });
  if (roleClaim === null && roleMapping.length > 0) errors.add('roleClaim', 'required_with', 'is required when roleMapping has entries', { other: 'roleMapping' });
  if (roleMapping.length > MAX_ROLE_MAPPING) errors.add('roleMapping', 'too_many', `must have at most ${MAX_ROLE_MAPPING} entries`, { max: MAX_ROLE_MAPPING });
  const seen = new Set<string>();
  roleMapping.forEach((entry, i) => {
    if (entry.value.length === 0 || entry.value.length > 200) errors.add(`roleMapping.${i}.value`, 'length_between', 'must have 1 to 200 characters', { min: 1, max: 200 });
    else if (seen.has(entry.value)) errors.add(`roleMapping.${i}.value`, 'duplicate', 'is mapped already');
    seen.add(entry.value);
    if (!isRole(entry.role)) errors.add(`roleMapping.${i}.role`, 'role_not_allowed', 'must be a role');
    else if (fields.tenantId !== null && !isTenantRole(entry.role)) errors.add(`roleMapping.${i}.role`, 'provider_tenant_roles_only', "a municipality's provider may only map to tenant_admin or tenant_user");
    else if (fields.tenantId === null && !isAgencyRole(entry.role)) errors.add(`roleMapping.${i}.role`, 'provider_agency_roles_only', "the agency's provider may only map to an agency role");
  });
  return { roleClaim, roleMapping };
}

/**
 * The role an operator's mapping gives for these claims: the first entry (in the operator's order)
 * whose value the claim carries, as a string or in an array of strings. Null when the provider
 * has no mapping or no entry matches: then the person keeps the role Kopa gave them.
 */
export function mappedRole(provider: Pick<IdentityProvider, 'roleClaim' | 'roleMapping'>, claims: Record<string, unknown>): Role | null {
  if (provider.roleClaim === null) return null;
  const claim = claims[provider.roleClaim];
  const carried = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : [];
  return provider.roleMapping.find((entry) => carried.includes(entry.value))?.role ?? null;
}

export function issuerUrlProblem(issuer: string): FieldProblem | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { code: 'invalid_url', message: 'must be a URL such as https://login.microsoftonline.com/<tenant>/v2.0' };
  }
  if (url.search || url.hash || url.username || url.password) return { code: 'url_with_extras', message: 'must have no query, fragment or credentials' };
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return null;
  return { code: 'invalid_https_url', message: 'must be an https URL' };
}

/** Whether the issuer may be reached over plain http (this machine only). */
export function isLoopbackIssuer(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && LOOPBACK.test(url.hostname);
}

export function emailDomainOf(email: string): string | null {
  const at = normalizeEmail(email).lastIndexOf('@');
  return at > 0 ? normalizeEmail(email).slice(at + 1) : null;
}

/** A provider is offered for, and admits, only the e-mail domains its organisation listed. */
export function providerFitsEmail(provider: Pick<IdentityProvider, 'emailDomains'>, email: string): boolean {
  const domain = emailDomainOf(email);
  return domain !== null && provider.emailDomains.includes(domain);
}

/** The provider asserted a multi-factor sign-in: an amr of MFA_AMR_VALUES, or one of its configured acr values. */
export function assertsMultiFactor(claims: { amr?: unknown; acr?: unknown }, mfaAcrValues: readonly string[]): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.some((m) => (MFA_AMR_VALUES as readonly unknown[]).includes(m))) return true;
  return typeof claims.acr === 'string' && mfaAcrValues.includes(claims.acr);
}

/**
 * Where to go after signing in: a path on Kopa itself, nothing else. `//evil.example` and
 * `/\evil.example` are read by browsers as other hosts, so they are refused too.
 */
export function isLocalPath(returnTo: string): boolean {
  if (!returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.startsWith('/\\')) return false;
  if (returnTo.length > 2000) return false;
  // Control characters and backslashes can be turned into a host by lenient parsers.
  return ![...returnTo].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/** Why a sign-in through a provider was refused: the sign-in page words each for people. */
export const SSO_REFUSALS = [
  /** The provider said no, or the answer did not pass the checks (issuer, audience, nonce, signature, expiry). */
  'sso_failed',
  /** The sign-in came back without the state this browser started it with, or too late. */
  'sso_state',
  /** returnTo was not a path on Kopa (an open redirect). */
  'sso_return_to',
  /** The provider is unknown or disabled. */
  'sso_provider_unavailable',
  /** The provider gave no verified e-mail address for a person it had not linked before. */
  'sso_email_unverified',
  /** The e-mail is not in the provider's organisation (its domains, or a person of another organisation). */
  'sso_wrong_organisation',
  /** No person in Kopa has this e-mail, and the provider does not create people. */
  'sso_unknown_person',
  /** The person is deactivated in Kopa. */
  'sso_inactive',
  /** The person's municipality is offboarded. */
  'sso_tenant_offboarded',
  /** Too many refused sign-ins through this provider from this address (or through it at all): wait. */
  'sso_throttled',
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

export interface MatchInput {
  provider: Pick<IdentityProvider, 'tenantId' | 'emailDomains' | 'createPeople'>;
  /** The person already linked to this provider's `sub`, if any. */
  linked: { tenantId: string | null; active: boolean } | null;
  email: string | null;
  emailVerified: boolean;
  /** The person with this e-mail, if any (looked up only when nobody is linked). */
  byEmail: { tenantId: string | null; active: boolean } | null;
}

export type MatchDecision = { kind: 'linked' } | { kind: 'link' } | { kind: 'create' } | { kind: 'refuse'; reason: SsoRefusal };

/**
 * Who a sign-in is: the person linked to `sub`, else the person with the provider's verified
 * e-mail in the provider's organisation (then linked), else a new person when the provider creates
 * people. A person of another organisation, or a deactivated one, is refused whatever the provider said.
 */
export function matchPerson(input: MatchInput): MatchDecision {
  const { provider } = input;
  if (input.linked) {
    if (input.linked.tenantId !== provider.tenantId) return { kind: 'refuse', reason: 'sso_wrong_organisation' };
    return input.linked.active ? { kind: 'linked' } : { kind: 'refuse', reason: 'sso_inactive' };
  }
  if (!input.email || !input.emailVerified) return { kind: 'refuse', reason: 'sso_email_unverified' };
  if (!providerFitsEmail(provider, input.email)) return { kind: 'refuse', reason: 'sso_wrong_organisation' };
  if (input.byEmail) {
    if (input.byEmail.tenantId !== provider.tenantId) return { kind: 'refuse', reason: 'sso_wrong_organisation' };
    return input.byEmail.active ? { kind: 'link' } : { kind: 'refuse', reason: 'sso_inactive' };
  }
  return provider.createPeople ? { kind: 'create' } : { kind: 'refuse', reason: 'sso_unknown_person' };
}

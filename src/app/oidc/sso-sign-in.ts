import { systemActor, type Actor } from '../../domain/actor.js';
import { KopaError, validationError } from '../../domain/errors.js';
import { assertsMultiFactor, emailDomainOf, isLocalPath, mappedRole, matchPerson, type SsoRefusal } from '../../domain/identity-provider.js';
import { availableMethods, secondFactorRequired } from '../../domain/second-factor.js';
import type { Role } from '../../domain/roles.js';
import { EMAIL_PATTERN, normalizeEmail, type User } from '../../domain/user.js';
import { factorInventory } from '../identity/factor-inventory.js';
import { settingsOf } from '../identity/identity-settings.js';
import { insertSession, personActor, type NewSession, type SessionContext } from '../identity/open-session.js';
import type { OidcDeps, StoredProvider } from './oidc-ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import type { AttemptKey, SessionStage } from '../identity/second-factor-ports.js';
import { hashSecret } from '../shared/secrets.js';
import { enforceSignInStanding } from '../municipalities/tenant-standing.js';
import { refuseWhenThrottled, reserveAttempt } from '../identity/sign-in-attempts.js';
import { providerClient, relyingPartyOf } from './provider-client.js';
import { SYSTEM } from '../shared/transaction.js';

/** How long a browser may take at its provider between start and callback. */
export const FLOW_MINUTES = 10;
const FLOW_CONTEXT = 'oidc-flow';

/** A sign-in through a provider that was refused; the sign-in page words the reason. */
export class SsoRefused extends Error {
  constructor(readonly reason: SsoRefusal, detail: string) {
    super(detail);
    this.name = 'SsoRefused';
  }
}

/** GET /auth/providers: the enabled providers offered for this address's domain, names only. */
export async function findProvidersForEmail(deps: OidcDeps, email: string): Promise<{ id: string; name: string; organisation: string | null }[]> {
  const clean = normalizeEmail(email);
  if (!EMAIL_PATTERN.test(clean)) throw validationError('email', 'invalid_email', 'must be an e-mail address');
  const domain = emailDomainOf(clean)!;
  const found = await deps.store.run(SYSTEM, (tx) => deps.store.identityProviders.forEmailDomain(tx, domain));
  return found.map((p) => ({ id: p.id, name: p.name, organisation: p.tenantName }));
}

interface FlowState {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  startedAt: number;
}

/**
 * Starts a sign-in at the provider. What must come back with the browser (state, nonce, the PKCE
 * verifier, where to go afterwards) travels sealed in a short-lived cookie, so any replica can
 * finish the sign-in and nothing is stored for a visitor who never comes back.
 */
export async function startSsoSignIn(deps: OidcDeps, input: { providerId: string; returnTo: string; redirectUri: string; clientAddress: string }): Promise<{ url: string; flowCookie: string }> {
  if (!isLocalPath(input.returnTo)) throw new SsoRefused('sso_return_to', 'returnTo must be a path on Kopa');
  const provider = await enabledProvider(deps, input.providerId);
  // An address (or provider) already over its limit is told so now, not after the provider's page.
  await deps.store.run(SYSTEM, (tx) => refuseWhenThrottled(deps, tx, attemptKey(provider.id, input.clientAddress), deps.clock.now()));
  const party = relyingPartyOf(deps);
  const client = providerClient(deps, provider);
  const flow = await party.newFlow();
  let url: string;
  try {
    url = await party.authorizationUrl(client, { redirectUri: input.redirectUri, state: flow.state, nonce: flow.nonce, codeChallenge: flow.codeChallenge });
  } catch (error) {
    throw new SsoRefused('sso_provider_unavailable', `The provider could not be reached: ${String(error)}`);
  }
  const state: FlowState = { providerId: provider.id, state: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier, returnTo: input.returnTo, startedAt: deps.clock.now().getTime() };
  return { url, flowCookie: deps.secretBox!.seal(JSON.stringify(state), FLOW_CONTEXT) };
}

async function enabledProvider(deps: OidcDeps, providerId: string): Promise<StoredProvider> {
  if (!deps.secretBox) throw new SsoRefused('sso_provider_unavailable', 'This server was started without KOPA_SECRET_KEY');
  const provider = /^[0-9a-f-]{36}$/i.test(providerId) ? await deps.store.run(SYSTEM, (tx) => deps.store.identityProviders.get(tx, providerId)) : null;
  if (!provider?.enabled) throw new SsoRefused('sso_provider_unavailable', 'No such provider, or it is disabled');
  return provider;
}

function openFlow(deps: OidcDeps, cookie: string | null): FlowState {
  if (!cookie || !deps.secretBox) throw new SsoRefused('sso_state', 'The sign-in was not started in this browser');
  let flow: FlowState;
  try {
    flow = JSON.parse(deps.secretBox.open(cookie, FLOW_CONTEXT)) as FlowState;
  } catch {
    throw new SsoRefused('sso_state', 'The sign-in was not started in this browser');
  }
  if (deps.clock.now().getTime() - flow.startedAt > FLOW_MINUTES * 60_000) throw new SsoRefused('sso_state', 'The sign-in took too long; start again');
  return flow;
}

export type SsoSignIn = NewSession & { stage: SessionStage; returnTo: string };

/**
 * The provider sent the browser back. The library checks the answer (state, issuer, audience,
 * expiry, nonce, signature, PKCE); Kopa then decides who this is (matchPerson), refuses a
 * deactivated person or an offboarded municipality, and opens a session: full when the provider
 * asserted a second factor or none is needed, otherwise pending Kopa's own second factor.
 */
export async function finishSsoSignIn(deps: OidcDeps, input: { callbackUrl: URL; flowCookie: string | null; context: SessionContext }): Promise<SsoSignIn> {
  const flow = openFlow(deps, input.flowCookie);
  const provider = await enabledProvider(deps, flow.providerId);
  // The slot is taken before the code goes to the provider, as a password attempt's is before its
  // check (issue 8): parallel returns cannot all pass the limit. Any refusal settles it as failed.
  const attemptId = await deps.store.run(SYSTEM, (tx) => reserveAttempt(deps, tx, attemptKey(provider.id, input.context.clientAddress), deps.clock.now()));
  let succeeded = false;
  try {
    const signIn = await finishWithProvider(deps, input, flow, provider);
    succeeded = true;
    return signIn;
  } finally {
    await deps.store.run(SYSTEM, (tx) => deps.store.loginAttempts.settle(tx, attemptId, succeeded));
  }
}

/** Provider sign-ins are throttled by the provider (in the place of an account) and the address. */
function attemptKey(providerId: string, clientAddress: string): AttemptKey {
  return { kind: 'identity_provider', email: `identity-provider:${providerId}`, clientAddress, device: null };
}

async function finishWithProvider(deps: OidcDeps, input: { callbackUrl: URL; context: SessionContext }, flow: FlowState, provider: StoredProvider): Promise<SsoSignIn> {
  const error = input.callbackUrl.searchParams.get('error');
  if (error) throw new SsoRefused('sso_failed', `The provider answered ${error.slice(0, 100)}`);

  let result;
  try {
    result = await relyingPartyOf(deps).finish(providerClient(deps, provider), input.callbackUrl, flow);
  } catch (failure) {
    const detail = describeFailure(failure);
    await refusalAudit(deps, input.context, provider, null, 'sso_failed', detail);
    throw new SsoRefused(/state/i.test(detail) ? 'sso_state' : 'sso_failed', detail);
  }
  const { claims, idToken } = result;
  const email = typeof claims.email === 'string' ? normalizeEmail(claims.email) : null;
  const now = deps.clock.now();

  const user = await deps.store.run(SYSTEM, async (tx) => {
    const linkedId = await deps.store.identityProviders.linkedPerson(tx, provider.id, claims.sub);
    const linked = linkedId ? await deps.store.users.get(tx, null, linkedId) : null;
    const byEmail = !linked && email ? await deps.store.users.findForLogin(tx, email) : null;
    const decision = matchPerson({ provider, linked, email, emailVerified: claims.email_verified === true || claims.xms_edov === true, byEmail });
    if (decision.kind === 'refuse') return { refused: decision.reason, person: linked ?? byEmail } as const;
    const role = mappedRole(provider, claims);
    if (decision.kind === 'linked') {
      await deps.store.identityProviders.touchLink(tx, provider.id, claims.sub, now);
      return { person: await applyMappedRole(deps, tx, provider, linked!, role, input.context) } as const;
    }
    const found = decision.kind === 'link' ? stripHash(byEmail!) : await createPerson(deps, tx, provider, email!, claims.name, role);
    await deps.store.identityProviders.link(tx, { providerId: provider.id, userId: found.id, tenantId: found.tenantId, subject: claims.sub, email: email!, at: now });
    await recordAudit(deps, tx, ssoActor(input.context), { action: 'identity.linked', entityType: 'user', entityId: found.id, tenantId: found.tenantId, after: { provider: provider.id, subject: claims.sub, email } });
    return { person: await applyMappedRole(deps, tx, provider, found, role, input.context) } as const;
  });
  if ('refused' in user && user.refused) {
    await refusalAudit(deps, input.context, provider, user.person ?? null, user.refused, email ?? claims.sub);
    throw new SsoRefused(user.refused, `Refused: ${user.refused}`);
  }
  const person = user.person;

  try {
    await enforceSignInStanding(deps, person, ssoActor(input.context));
  } catch (refusal) {
    if (refusal instanceof KopaError && refusal.code === 'tenant_offboarded') throw new SsoRefused('sso_tenant_offboarded', refusal.detail);
    throw refusal;
  }

  const providerMfa = assertsMultiFactor(claims, provider.mfaAcrValues);
  return deps.store.run(SYSTEM, async (tx) => {
    const methods = availableMethods(await factorInventory(deps, tx, person.id));
    const stage: SessionStage = providerMfa ? 'full' : methods.length > 0 ? 'second_factor' : secondFactorRequired(person.role, settingsOf(deps).mfaRequiredRoles) ? 'enrolment' : 'full';
    const session = await insertSession(deps, tx, person, stage, input.context, now);
    await deps.store.identityProviders.markSession(tx, hashSecret(session.sessionToken), { providerId: provider.id, sid: typeof claims.sid === 'string' ? claims.sid : null, idToken });
    const audit = { entityType: 'user', entityId: person.id, tenantId: person.tenantId };
    if (stage === 'full') {
      await deps.store.users.markLogin(tx, person.id, now);
      await recordAudit(deps, tx, personActor(person, input.context), { action: 'session.login', ...audit, after: { identityProvider: provider.id, ...(providerMfa && { secondFactor: 'identity_provider' }) } });
    } else {
      await recordAudit(deps, tx, personActor(person, input.context), { action: 'session.provider_verified', ...audit, after: { identityProvider: provider.id, next: stage } });
    }
    return { ...session, user: stage === 'full' ? { ...person, lastLoginAt: now.toISOString() } : person, stage, returnTo: flow.returnTo };
  });
}

/** The library's message and the messages of the errors it wraps ("invalid response" alone says little). */
function describeFailure(failure: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = failure; e instanceof Error && parts.length < 4; e = e.cause) parts.push(e.message);
  return parts.length > 0 ? parts.join(': ') : String(failure);
}

function stripHash(found: User & { passwordHash: string | null }): User {
  const { passwordHash: _hash, ...user } = found;
  return user;
}

function ssoActor(context: SessionContext): Actor {
  return { ...systemActor('sso'), clientAddress: context.clientAddress, requestId: context.requestId };
}

/**
 * An operator mapped the provider's role claim: the person gets the mapped role at every sign-in
 * (promoted or demoted), audited. Without a mapping, or when no entry matches, Kopa's role stays.
 * The mapping only names roles of the provider's organisation, which the person belongs to.
 */
async function applyMappedRole(deps: OidcDeps, tx: Tx, provider: StoredProvider, person: User, role: Role | null, context: SessionContext): Promise<User> {
  if (role === null || role === person.role) return person;
  const updated = await deps.store.users.update(tx, person.tenantId, person.id, { role }, deps.clock.now());
  await recordAudit(deps, tx, ssoActor(context), {
    action: 'user.role_mapped',
    entityType: 'user',
    entityId: person.id,
    tenantId: person.tenantId,
    before: { role: person.role },
    after: { role, identityProvider: provider.id, claim: provider.roleClaim },
  });
  return updated;
}

/** First sign-in of a person the provider vouches for, when the provider creates people: its default role (or the mapped one), never more. */
async function createPerson(deps: OidcDeps, tx: Tx, provider: StoredProvider, email: string, name: unknown, mapped: Role | null): Promise<User> {
  const person = await deps.store.users.insert(tx, {
    email,
    name: typeof name === 'string' && name.trim().length >= 2 ? name.trim().slice(0, 200) : email,
    role: mapped ?? provider.defaultRole,
    tenantId: provider.tenantId,
    active: true,
    locale: 'lv',
    passwordHash: null,
  });
  await recordAudit(deps, tx, systemActor('sso'), { action: 'user.created', entityType: 'user', entityId: person.id, tenantId: person.tenantId, after: { ...person, identityProvider: provider.id } });
  return person;
}

async function refusalAudit(deps: OidcDeps, context: SessionContext, provider: StoredProvider, person: User | null, reason: SsoRefusal, detail: string): Promise<void> {
  await deps.store.run(SYSTEM, (tx) =>
    recordAudit(deps, tx, ssoActor(context), {
      action: 'session.login_failed',
      entityType: 'user',
      entityId: person?.id ?? null,
      tenantId: person?.tenantId ?? provider.tenantId,
      after: { identityProvider: provider.id, reason, detail: detail.slice(0, 300) },
    }),
  );
}

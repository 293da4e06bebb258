import { systemActor, type Actor } from '../../domain/actor.js';
import { KopaError, fieldError } from '../../domain/errors.js';
import { logOut } from '../identity/log-out.js';
import type { OidcDeps } from './oidc-ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { providerClient, relyingPartyOf } from './provider-client.js';
import { SYSTEM } from '../shared/transaction.js';


/**
 * Signs out of Kopa and, for a session opened through a provider, answers the provider's
 * end-session URL (RP-initiated logout, with the ID token as hint) for the browser to go to next.
 * A provider without one, or one that cannot be reached, still leaves the person signed out of Kopa.
 */
export async function signOutEverywhere(deps: OidcDeps, actor: Actor, tokenHash: string, postLogoutRedirectUri: string): Promise<{ endSessionUrl: string | null }> {
  const found = await deps.store.run(SYSTEM, async (tx) => {
    const session = await deps.store.identityProviders.sessionOf(tx, tokenHash);
    const provider = session ? await deps.store.identityProviders.get(tx, session.providerId) : null;
    return session && provider ? { session, provider } : null;
  });
  await logOut(deps, actor, tokenHash);
  if (!found) return { endSessionUrl: null };
  try {
    const url = await relyingPartyOf(deps).endSessionUrl(providerClient(deps, found.provider), { idToken: found.session.idToken, postLogoutRedirectUri });
    return { endSessionUrl: url };
  } catch {
    return { endSessionUrl: null };
  }
}

function refused(detail: string): KopaError {
  return new KopaError('validation', `logout_token: ${detail}`, [fieldError('logout_token', 'invalid_format', detail)]);
}

/**
 * OpenID Connect Back-Channel Logout: the provider posts a signed logout token when a person signs
 * out there. The token names its provider (issuer and audience); once its signature and claims are
 * checked, the Kopa sessions it names end: those of the provider session `sid`, or every session the
 * person linked to `sub` opened through this provider.
 */
export async function backChannelLogout(deps: OidcDeps, logoutToken: string, requestId: string | null): Promise<{ ended: number }> {
  let issuer: unknown;
  let audiences: string[];
  // jose is loaded with the first logout token, not at every start (ADR 0025).
  const { decodeJwt } = await import('jose');
  try {
    const unverified = decodeJwt(logoutToken);
    issuer = unverified.iss;
    audiences = typeof unverified.aud === 'string' ? [unverified.aud] : Array.isArray(unverified.aud) ? unverified.aud : [];
  } catch {
    throw refused('is not a JWT');
  }
  if (typeof issuer !== 'string') throw refused('names no issuer');
  const iss = issuer;
  const provider = await deps.store.run(SYSTEM, async (tx) => {
    for (const aud of audiences) {
      const found = await deps.store.identityProviders.byIssuerAndClient(tx, iss.replace(/\/+$/, ''), aud);
      if (found) return found;
    }
    return null;
  });
  if (!provider) throw refused('names no provider registered in Kopa');
  let claims: { sub: string | null; sid: string | null };
  try {
    claims = await relyingPartyOf(deps).verifyLogoutToken(providerClient(deps, provider), logoutToken);
  } catch (error) {
    throw refused(`is not valid: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
  }
  return deps.store.run(SYSTEM, async (tx) => {
    const { userIds, ended } = await deps.store.identityProviders.endSessions(tx, provider.id, { sid: claims.sid, subject: claims.sid ? null : claims.sub });
    const actor: Actor = { ...systemActor(`identity-provider:${provider.name}`), requestId };
    for (const userId of userIds) {
      await recordAudit(deps, tx, actor, { action: 'session.backchannel_logout', entityType: 'user', entityId: userId, tenantId: provider.tenantId, after: { identityProvider: provider.id, sid: claims.sid, ended } });
    }
    return { ended };
  });
}

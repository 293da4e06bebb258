import type * as Jose from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import type * as OpenIdClient from 'openid-client';
import type { Configuration, CustomFetch } from 'openid-client';
import { isLoopbackIssuer } from '../../domain/identity-provider.js';
import type { ProviderClient, RelyingParty } from './oidc-ports.js';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A provider's metadata and keys are read again after this long (key rotation, changed endpoints). */
const DISCOVERY_TTL_MS = 15 * 60_000;

let loaded: Promise<{ oidc: typeof OpenIdClient; jose: typeof Jose }> | null = null;
/** openid-client and jose (~10 MiB of modules) are loaded with the first sign-in through a provider, not at every start. */
function libraries() {
  loaded ??= Promise.all([import('openid-client'), import('jose')]).then(([oidc, jose]) => ({ oidc, jose }));
  return loaded;
}

export interface RelyingPartyOptions {
  /** The fetch every request to providers goes through; tests pass one that reaches their provider. */
  fetch?: CustomFetch;
  /** Milliseconds a provider may take to answer. */
  timeoutSeconds?: number;
}

interface Discovered {
  config: Configuration;
  jwks: JWTVerifyGetKey | null;
  at: number;
}

/**
 * The relying party on openid-client 6: discovery from the issuer (whose `issuer` must equal the
 * configured one), authorization code with PKCE (S256), `state` and `nonce`, and the ID token's
 * signature, issuer, audience, expiry and nonce checked by the library. Logout tokens are JWTs the
 * library does not read, so jose checks them against the provider's published keys.
 */
export function openIdRelyingParty(options: RelyingPartyOptions = {}): RelyingParty {
  const cache = new Map<string, Discovered>();

  async function configOf(provider: ProviderClient): Promise<Discovered> {
    const key = `${provider.id}:${provider.version}`;
    const known = cache.get(key);
    if (known && Date.now() - known.at < DISCOVERY_TTL_MS) return known;
    const { oidc, jose } = await libraries();
    const config = await oidc.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, oidc.ClientSecretBasic(provider.clientSecret), {
      ...(options.fetch && { [oidc.customFetch]: options.fetch }),
      timeout: options.timeoutSeconds ?? 10,
      // The ID token's signature is checked against the provider's keys even though it came
      // straight from the token endpoint. Plain http only to this machine (development and tests).
      execute: [oidc.enableNonRepudiationChecks, ...(isLoopbackIssuer(provider.issuer) ? [oidc.allowInsecureRequests] : [])],
    });
    const jwksUri = config.serverMetadata().jwks_uri;
    const jwks = jwksUri ? jose.createRemoteJWKSet(new URL(jwksUri), { ...(options.fetch && { [jose.customFetch]: options.fetch as never }) }) : null;
    const discovered = { config, jwks, at: Date.now() };
    for (const stale of [...cache.keys()].filter((k) => k.startsWith(`${provider.id}:`))) cache.delete(stale);
    cache.set(key, discovered);
    return discovered;
  }

  return {
    async discover(provider) {
      const { config } = await configOf(provider);
      const meta = config.serverMetadata();
      if (!meta.authorization_endpoint) throw new Error('the provider publishes no authorization endpoint');
      return {
        issuer: meta.issuer,
        authorizationEndpoint: meta.authorization_endpoint,
        endSessionEndpoint: meta.end_session_endpoint ?? null,
        backchannelLogoutSupported: meta.backchannel_logout_supported === true,
      };
    },

    async newFlow() {
      const { oidc } = await libraries();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier) };
    },

    async authorizationUrl(provider, flow) {
      const { oidc } = await libraries();
      const { config } = await configOf(provider);
      return oidc
        .buildAuthorizationUrl(config, {
          redirect_uri: flow.redirectUri,
          scope: 'openid email profile',
          response_type: 'code',
          code_challenge: flow.codeChallenge,
          code_challenge_method: 'S256',
          state: flow.state,
          nonce: flow.nonce,
        })
        .toString();
    },

    async finish(provider, callbackUrl, flow) {
      const { oidc } = await libraries();
      const { config } = await configOf(provider);
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new Error('the provider sent no ID token');
      return { claims, idToken: tokens.id_token };
    },

    async endSessionUrl(provider, hint) {
      const { oidc } = await libraries();
      const { config } = await configOf(provider);
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, { id_token_hint: hint.idToken, post_logout_redirect_uri: hint.postLogoutRedirectUri, client_id: provider.clientId }).toString();
    },

    async verifyLogoutToken(provider, logoutToken) {
      const { jose } = await libraries();
      const { config, jwks } = await configOf(provider);
      if (!jwks) throw new Error('the provider publishes no keys');
      // OpenID Connect Back-Channel Logout 1.0 §2.6: signed by the provider, for this client,
      // recent, naming the logout event and a subject or session, and carrying no nonce.
      const { payload } = await jose.jwtVerify(logoutToken, jwks, {
        issuer: config.serverMetadata().issuer,
        audience: provider.clientId,
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: '5m',
        clockTolerance: 30,
      });
      const events = payload.events as Record<string, unknown> | undefined;
      if (!events || typeof events[BACKCHANNEL_EVENT] !== 'object') throw new Error('the token names no back-channel logout event');
      if ('nonce' in payload) throw new Error('a logout token carries no nonce');
      const sub = typeof payload.sub === 'string' ? payload.sub : null;
      const sid = typeof payload.sid === 'string' ? payload.sid : null;
      if (!sub && !sid) throw new Error('the token names neither a subject nor a session');
      return { sub, sid };
    },
  };
}

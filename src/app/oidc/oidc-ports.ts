import type { IdentityProvider, ProviderFields } from '../../domain/identity-provider.js';
import type { AuditStore } from '../audit/ports.js';
import type { IdentitySettings } from '../identity/identity-settings.js';
import type { SessionStore, UserStore } from '../identity/ports.js';
import type { LoginAttemptStore, SecondFactorStore } from '../identity/second-factor-ports.js';
import type { TenantStore } from '../municipalities/ports.js';
import type { Clock, SecretBox, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';

/** A provider as stored: its settings, its sealed client secret, and its municipality's name. */
export interface StoredProvider extends IdentityProvider {
  clientSecretSealed: string;
  tenantName: string | null;
}

/** A person's identity at a provider, as their account page lists it. */
export interface LinkedIdentity {
  id: string;
  providerId: string;
  providerName: string;
  subject: string;
  email: string;
  createdAt: string;
  lastUsedAt: string;
}

/** What a session opened through a provider keeps, to end it there too. */
export interface ProviderSession {
  providerId: string;
  /** The provider's session id (`sid`), if it sent one. */
  sid: string | null;
  idToken: string;
}

export interface IdentityProviderStore {
  /** Providers the scope may see, agency ones first, then by name; one municipality's with tenantId. */
  list(tx: Tx, filter: { tenantId?: string | null | undefined }): Promise<StoredProvider[]>;
  get(tx: Tx, providerId: string): Promise<StoredProvider | null>;
  /** Enabled providers offering this e-mail domain (system scope: before anyone signed in). */
  forEmailDomain(tx: Tx, domain: string): Promise<StoredProvider[]>;
  /** Back-channel logout names its provider by issuer and client id. */
  byIssuerAndClient(tx: Tx, issuer: string, clientId: string): Promise<StoredProvider | null>;
  insert(tx: Tx, id: string, fields: ProviderFields, clientSecretSealed: string): Promise<StoredProvider>;
  update(tx: Tx, providerId: string, fields: ProviderFields, clientSecretSealed: string | null, at: Date): Promise<StoredProvider>;
  delete(tx: Tx, providerId: string): Promise<boolean>;

  /** The person linked to the provider's subject. */
  linkedPerson(tx: Tx, providerId: string, subject: string): Promise<string | null>;
  link(tx: Tx, link: { providerId: string; userId: string; tenantId: string | null; subject: string; email: string; at: Date }): Promise<void>;
  touchLink(tx: Tx, providerId: string, subject: string, at: Date): Promise<void>;
  linksOf(tx: Tx, userId: string): Promise<LinkedIdentity[]>;
  /** Removes the person's link; null when the person has no link of that id. */
  unlink(tx: Tx, userId: string, linkId: string): Promise<{ providerId: string; subject: string; email: string } | null>;
  /** How many people are linked through the provider (what deleting it takes away). */
  countLinks(tx: Tx, providerId: string): Promise<number>;

  /** Marks a session as opened through a provider. */
  markSession(tx: Tx, tokenHash: string, session: ProviderSession): Promise<void>;
  sessionOf(tx: Tx, tokenHash: string): Promise<ProviderSession | null>;
  /** Ends the provider's session `sid` in Kopa, or (without one) every session of the person linked to `subject`. */
  endSessions(tx: Tx, providerId: string, by: { sid: string | null; subject: string | null }): Promise<{ userIds: string[]; ended: number }>;
}

/** The client settings Kopa signs in with at a provider. */
export interface ProviderClient {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** A changed provider is discovered anew. */
  version: string;
}

export interface ProviderMetadata {
  issuer: string;
  authorizationEndpoint: string;
  endSessionEndpoint: string | null;
  backchannelLogoutSupported: boolean;
}

/** What the browser carries between the start of a sign-in and its return. */
export interface FlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Claims of a validated ID token. */
export interface IdTokenClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  /** Microsoft Entra ID's optional claim: the e-mail's domain is verified by the directory's owner. */
  xms_edov?: unknown;
  name?: unknown;
  amr?: unknown;
  acr?: unknown;
  sid?: unknown;
  /** Any other claim: an operator may map one to roles (roleClaim). */
  [claim: string]: unknown;
}

/**
 * The OpenID Connect relying party (openid-client in production). Every check of what comes back
 * (state, issuer, audience, expiry, nonce, signature, PKCE) is the library's; a failed one throws.
 */
export interface RelyingParty {
  discover(provider: ProviderClient): Promise<ProviderMetadata>;
  newFlow(): Promise<FlowSecrets & { codeChallenge: string }>;
  authorizationUrl(provider: ProviderClient, flow: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): Promise<string>;
  finish(provider: ProviderClient, callbackUrl: URL, flow: FlowSecrets): Promise<{ claims: IdTokenClaims; idToken: string }>;
  /** The provider's end-session URL, or null when it has none. */
  endSessionUrl(provider: ProviderClient, hint: { idToken: string; postLogoutRedirectUri: string }): Promise<string | null>;
  /** A back-channel logout token's claims, after its signature, issuer, audience, age and event are checked. */
  verifyLogoutToken(provider: ProviderClient, logoutToken: string): Promise<{ sub: string | null; sid: string | null }>;
}

/** What single sign-on needs: its providers and, to sign a person in, the sign-in parts of identity. */
export interface OidcDeps {
  store: Transactions & {
    identityProviders: IdentityProviderStore;
    users: UserStore;
    sessions: SessionStore;
    loginAttempts: LoginAttemptStore;
    secondFactors: SecondFactorStore;
    tenants: TenantStore;
    audit: AuditStore;
  };
  clock: Clock;
  /** Opens the providers' client secrets; main/ wires it from KOPA_SECRET_KEY. */
  secretBox?: SecretBox;
  /** The OpenID Connect relying party; openid-client over the network when absent. */
  relyingParty?: RelyingParty;
  identity?: IdentitySettings;
}

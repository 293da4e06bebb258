import { stateProblem } from '../../domain/errors.js';
import type { OidcDeps, ProviderClient, RelyingParty, StoredProvider } from './oidc-ports.js';
import { openIdRelyingParty } from './relying-party.js';

/** The secret is bound to its provider: copied onto another provider's row, it does not open. */
export function clientSecretContext(providerId: string): string {
  return `oidc-client:${providerId}`;
}

let defaultParty: RelyingParty | null = null;

/** The relying party the server was given, or openid-client over the network. */
export function relyingPartyOf(deps: OidcDeps): RelyingParty {
  if (deps.relyingParty) return deps.relyingParty;
  defaultParty ??= openIdRelyingParty();
  return defaultParty;
}

/** The stored provider with its client secret unsealed, for the relying party only. */
export function providerClient(deps: OidcDeps, provider: StoredProvider): ProviderClient {
  if (!deps.secretBox) throw stateProblem('invalid_state', 'secret_key_missing', {}, 'Identity providers need KOPA_SECRET_KEY, which this server was started without');
  const clientSecret = deps.secretBox.open(provider.clientSecretSealed, clientSecretContext(provider.id));
  return { id: provider.id, issuer: provider.issuer, clientId: provider.clientId, clientSecret, version: provider.updatedAt };
}

import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { User } from '../../domain/user.js';
import type { PasskeyRecord } from './second-factor-ports.js';

// Loaded on first use: the library and its ASN.1 stack cost a third of a second at start-up,
// which every `kopa` command would pay otherwise.
const webauthn = () => import('@simplewebauthn/server');

/** The relying party a ceremony runs for: see identity-settings.ts. */
export interface RelyingParty {
  rpId: string;
  rpName: string;
  origin: string;
}

/** Options for navigator.credentials.create(); the challenge must be kept for the answer. */
export async function registrationOptions(rp: RelyingParty, user: User, existing: PasskeyRecord[]): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return (await webauthn()).generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: user.email,
    userDisplayName: user.name,
    // The person's id, so an authenticator replaces rather than piles up credentials for them.
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}

export interface VerifiedPasskey {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
}

/** Null when the answer does not prove a new credential for this challenge, origin and relying party. */
export async function verifyRegistration(rp: RelyingParty, challenge: string, response: unknown): Promise<VerifiedPasskey | null> {
  try {
    const result = await (await webauthn()).verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      requireUserVerification: false,
    });
    if (!result.verified) return null;
    const { credential, credentialDeviceType, credentialBackedUp } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? ((response as RegistrationResponseJSON).response?.transports ?? []),
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
    };
  } catch {
    // Malformed or forged answers are simply not a registration.
    return null;
  }
}

export async function authenticationOptions(rp: RelyingParty, passkeys: PasskeyRecord[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return (await webauthn()).generateAuthenticationOptions({
    rpID: rp.rpId,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as AuthenticatorTransportFuture[] })),
    userVerification: 'preferred',
  });
}

/** The passkey that signed the challenge and its new signature counter, or null. */
export async function verifyAuthentication(rp: RelyingParty, challenge: string, passkeys: PasskeyRecord[], response: unknown): Promise<{ passkey: PasskeyRecord; counter: number } | null> {
  const id = (response as { id?: unknown } | null)?.id;
  const passkey = passkeys.find((p) => p.credentialId === id);
  if (!passkey) return null;
  try {
    const result = await (await webauthn()).verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
      requireUserVerification: false,
    });
    return result.verified ? { passkey, counter: result.authenticationInfo.newCounter } : null;
  } catch {
    return null;
  }
}

import { Type } from '@sinclair/typebox';
import { Nullable } from '../schemas.js';


export const Passkey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
  deviceType: Nullable(Type.String({ description: 'multiDevice (a synced passkey) or singleDevice (a security key)' })),
  backedUp: Type.Boolean(),
});

export const SecondFactorStatus = Type.Object({
  required: Type.Boolean({ description: 'Whether this person’s role must have a second factor' }),
  totp: Type.Boolean({ description: 'An authenticator app is set up' }),
  passkeys: Type.Array(Passkey),
  recoveryCodesLeft: Type.Integer(),
});

export const SignedInSession = Type.Object({
  id: Type.String({ format: 'uuid' }),
  browser: Nullable(Type.String({ description: 'From the User-Agent, e.g. "Firefox 133, Windows"' })),
  userAgent: Nullable(Type.String()),
  clientAddress: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean({ description: 'The session this request came with' }),
});

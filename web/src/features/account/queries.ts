import { useQuery } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf, type Schemas } from '../../api/client';
import { useQueryResource } from '../../api/resource';

/** The shapes of the session and the person's own account, generated from the server's OpenAPI (ADR 0012). */
export type SessionOrPending = ResponseOf<'/api/v1/session', 'get'>;
export type SecondFactorStatus = ResponseOf<'/api/v1/account/mfa', 'get'>;
export type Passkey = SecondFactorStatus['passkeys'][number];
export type SignedInSession = ResponseOf<'/api/v1/account/sessions', 'get'>['items'][number];
export type TotpStart = ResponseOf<'/api/v1/account/mfa/totp', 'post'>;
export type TotpConfirmed = ResponseOf<'/api/v1/account/mfa/totp/confirm', 'post'>;
export type PasskeyAdded = ResponseOf<'/api/v1/account/mfa/webauthn', 'post'>;
export type SecondFactorInput = BodyOf<'/api/v1/session/mfa', 'post'>;
export type SecondFactorMethod = SecondFactorInput['method'];
export type Locale = NonNullable<BodyOf<'/api/v1/session', 'patch'>['locale']>;

/** Signing in and out (the client does not treat a 401 here as an expired session). */
export const sessionCalls = {
  get: (signal?: AbortSignal) => body(client.GET('/api/v1/session', { signal })),
  logIn: (email: string, password: string) => body(client.POST('/api/v1/session', { body: { email, password } })),
  secondFactor: (input: SecondFactorInput) => body(client.POST('/api/v1/session/mfa', { body: input })),
  passkeyOptions: () => body(client.POST('/api/v1/session/mfa/webauthn/options')),
  setLocale: (locale: Locale) => body(client.PATCH('/api/v1/session', { body: { locale } })),
  changePassword: (currentPassword: string, newPassword: string) => body(client.PATCH('/api/v1/session/password', { body: { currentPassword, newPassword } })),
};

const keys = { secondFactors: ['account', 'mfa'] as const, sessions: ['account', 'sessions'] as const };

/** The person's second factors: authenticator app, passkeys and recovery codes left. */
export function useSecondFactors() {
  const query = useQuery({ queryKey: keys.secondFactors, queryFn: ({ signal }) => body(client.GET('/api/v1/account/mfa', { signal })) });
  return useQueryResource(query, keys.secondFactors);
}

/** Where the person is signed in. */
export function useSignedInSessions() {
  const query = useQuery({
    queryKey: keys.sessions,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/account/sessions', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.sessions);
}

/** Changes to the person's own second factors and sessions; the sections put each answer into their cached data. */
export const accountCalls = {
  startTotp: () => body(client.POST('/api/v1/account/mfa/totp')),
  confirmTotp: (code: string) => body(client.POST('/api/v1/account/mfa/totp/confirm', { body: { code } })),
  removeTotp: (password: string, code: string) => body(client.DELETE('/api/v1/account/mfa/totp', { body: { password, code } })),
  regenerateRecoveryCodes: (password: string, code?: string) => body(client.POST('/api/v1/account/mfa/recovery-codes', { body: { password, ...(code && { code }) } })),
  passkeyOptions: () => body(client.POST('/api/v1/account/mfa/webauthn/options')),
  addPasskey: (name: string, response: BodyOf<'/api/v1/account/mfa/webauthn', 'post'>['response']) => body(client.POST('/api/v1/account/mfa/webauthn', { body: { name, response } })),
  renamePasskey: (id: string, name: string) => body(client.PATCH('/api/v1/account/mfa/webauthn/{id}', { params: { path: { id } }, body: { name } })),
  removePasskey: (id: string, password: string) => body(client.DELETE('/api/v1/account/mfa/webauthn/{id}', { params: { path: { id } }, body: { password } })),
  endSession: (id: string) => body(client.DELETE('/api/v1/account/sessions/{id}', { params: { path: { id } } })),
  endOtherSessions: () => body(client.DELETE('/api/v1/account/sessions')),
};

/** The session answer. */
export type SessionInfo = Schemas['SessionInfo'];
/** The signed-in person, with what the server lets them do (the session answer, flattened). */
export type SessionUser = SessionInfo['user'] & Pick<SessionInfo, 'permissions' | 'readOnly'>;
/** The password step's answer when a second factor (or its enrolment) is still to come. */
export type PendingSignIn = Exclude<SessionOrPending, SessionInfo>;

export function isPendingSignIn(value: SessionOrPending): value is PendingSignIn {
  return 'mfaRequired' in value && value.mfaRequired === true;
}

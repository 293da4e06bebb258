import type { Role } from '../../domain/roles.js';

/** The roles that administer something: a second factor is required for them unless configured otherwise. */
export const DEFAULT_MFA_REQUIRED_ROLES: readonly Role[] = ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin'];

export interface IdentitySettings {
  /** People in these roles must enrol a second factor before they can do anything else. */
  mfaRequiredRoles: readonly Role[];
  /** How long a sign-in may wait for its second factor (or its enrolment). */
  pendingMinutes: number;
  /** How long a browser stays known after the last sign-in with a second factor on it. */
  knownBrowserDays: number;
  /**
   * The public origin (KOPA_PUBLIC_URL) passkeys are bound to. Without one (a local evaluation)
   * the origin the browser used is taken, so that http://localhost on any port works.
   */
  publicOrigin: string | null;
}

export function identitySettings(options: { mfaRequiredRoles?: readonly Role[]; publicUrl?: string | null | undefined }): IdentitySettings {
  return {
    mfaRequiredRoles: options.mfaRequiredRoles ?? DEFAULT_MFA_REQUIRED_ROLES,
    pendingMinutes: 10,
    knownBrowserDays: 90,
    publicOrigin: options.publicUrl ? new URL(options.publicUrl).origin : null,
  };
}

export function settingsOf(deps: { identity?: IdentitySettings | undefined }): IdentitySettings {
  return deps.identity ?? identitySettings({});
}

/** The WebAuthn relying party: its id is the host name of the public origin. */
export function relyingParty(settings: IdentitySettings, requestOrigin: string): { rpId: string; rpName: string; origin: string } {
  const origin = settings.publicOrigin ?? requestOrigin;
  return { rpId: new URL(origin).hostname, rpName: 'Kopa', origin };
}

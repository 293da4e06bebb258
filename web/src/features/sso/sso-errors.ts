/** The refusals the server sends back as `?sso_error=<code>` (src/domain/identity-provider.ts SSO_REFUSALS). */
const KNOWN = new Set([
  'sso_failed',
  'sso_state',
  'sso_return_to',
  'sso_provider_unavailable',
  'sso_email_unverified',
  'sso_wrong_organisation',
  'sso_unknown_person',
  'sso_inactive',
  'sso_tenant_offboarded',
]);

/** The text key for a refusal code; an unknown code reads as the general one. */
export function ssoErrorKey(code: string): string {
  return `sso.errors.${KNOWN.has(code) ? code : 'sso_failed'}`;
}

import { SSO_REFUSALS } from '../../../../src/domain/identity-provider';

/** The refusals the server sends back as `?sso_error=<code>`, from the one list the server uses. */
const KNOWN: ReadonlySet<string> = new Set(SSO_REFUSALS);

/** The text key for a refusal code; an unknown code reads as the general one. */
export function ssoErrorKey(code: string): string {
  return `sso.errors.${KNOWN.has(code) ? code : 'sso_failed'}`;
}

import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import type { ApiToken } from '../queries';
import { StateBadge } from '../../../components/status-badge';

const TONE = { full: 'ok', read_only: 'warn', none: 'off' } as const;

/** Whether the token works now, and in words why not when it does not fully. */
export function TokenAccessCell({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const date = token.accessReason === 'revoked' ? token.revokedAt : token.accessReason === 'expired' ? token.expiresAt : null;
  return (
    <>
      <StateBadge tone={TONE[token.access]} label={t(`tokens.access.${token.access}`)} />
      {token.accessReason && <span className="muted block">{t(`tokens.reason.${token.accessReason}`, { date: date ? formatInstant(date) : '' })}</span>}
    </>
  );
}

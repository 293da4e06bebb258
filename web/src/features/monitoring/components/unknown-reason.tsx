import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import type { UnknownReason as Reason } from '../queries';

/** Why a monitor's state is unknown, in the reader's language (the server says which case and its facts). */
export function UnknownReason({ reason }: { reason: Reason }) {
  const { t } = useTranslation();
  if (reason.code !== 'no_results') return <>{t(`unknownReason.${reason.code}`)}</>;
  const locations = reason.params.locations.join(', ');
  const since = reason.params.lastResultAt;
  return <>{since === null ? t('unknownReason.noResultsEver', { locations }) : t('unknownReason.noResults', { locations, since: formatInstant(since) })}</>;
}

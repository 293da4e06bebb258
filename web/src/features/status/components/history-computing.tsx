import { useTranslation } from 'react-i18next';

/**
 * In place of the 90 days while a server that has just started computes them for the first time
 * (the answer's `history` is 'computing'): the states shown are current, and the page asks again
 * in a few seconds (ADR 0029).
 */
export function HistoryComputing() {
  const { t } = useTranslation();
  return (
    <div className="history-computing" role="status">
      <progress aria-label={t('status.historyComputingLabel')} />
      <p>{t('status.historyComputing')}</p>
    </div>
  );
}

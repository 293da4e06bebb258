import { useTranslation } from 'react-i18next';
import type { Statement } from '../queries';
import { formatMoney } from '../money';

/** This month's totals beside the month before's (as the API reports both). */
export function StatementComparison({ statement: s }: { statement: Statement }) {
  const { t } = useTranslation();
  return (
    <dl className="details details-compact">
      <div>
        <dt>{t('billing.netThisMonth')}</dt>
        <dd>{formatMoney(s.net, s.currency)}</dd>
      </div>
      <div>
        <dt>{t('billing.netPreviousMonth')}</dt>
        <dd>{s.previousMonth ? formatMoney(s.previousMonth.net, s.currency) : t('billing.noPrevious')}</dd>
      </div>
      <div>
        <dt>{t('billing.totalThisMonth')}</dt>
        <dd>{formatMoney(s.total, s.currency)}</dd>
      </div>
      <div>
        <dt>{t('billing.totalPreviousMonth')}</dt>
        <dd>{s.previousMonth ? formatMoney(s.previousMonth.total, s.currency) : t('billing.noPrevious')}</dd>
      </div>
    </dl>
  );
}

import { useTranslation } from 'react-i18next';
import type { Statement } from '../queries';
import { formatDecimal, formatMoney } from '../money';
import { DataTable } from '../../../components/data-table';
import { ExplanationText } from '../../../components/explanation-text';
import { localName, localNameLang } from '../../../local-name';

interface Props {
  statement: Statement;
  caption: string;
}

/** A statement's lines, each with the explanation of how it was reached, and its totals (all from the API). */
export function StatementLines({ statement: s, caption }: Props) {
  const { t } = useTranslation();
  return (
    <DataTable caption={caption} className="table-compact" stack>
      <thead>
        <tr>
          <th scope="col">{t('billing.line')}</th>
          <th scope="col">{t('billing.explanation')}</th>
          <th scope="col" className="num">{t('billing.quantity')}</th>
          <th scope="col" className="num">{t('billing.unitPrice')}</th>
          <th scope="col" className="num">{t('billing.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {s.lines.map((l, index) => (
          <tr key={`${index}-${l.description}`}>
            <th scope="row">
              <span className="muted">{t(`billing.lineKinds.${l.kind}`)}: </span>
              <span lang={localNameLang({ lv: l.description, en: l.descriptionEn })}>{localName({ lv: l.description, en: l.descriptionEn })}</span>
            </th>
            <td data-label={t('billing.explanation')}>
              <ExplanationText explanation={l.structuredExplanation} />
            </td>
            <td className="num" data-label={t('billing.quantity')}>
              {formatDecimal(l.quantity)} {l.unit}
            </td>
            <td className="num" data-label={t('billing.unitPrice')}>{formatMoney(l.unitPrice, s.currency)}</td>
            <td className="num" data-label={t('billing.amount')}>{formatMoney(l.amount, s.currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={4}>{t('billing.net')}</th>
          <td className="num">{formatMoney(s.net, s.currency)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={4}>{t('billing.vatAt', { rate: formatDecimal(s.vatRate) })}</th>
          <td className="num">{formatMoney(s.vat, s.currency)}</td>
        </tr>
        <tr>
          <th scope="row" colSpan={4}>{t('billing.total')}</th>
          <td className="num">
            <strong>{formatMoney(s.total, s.currency)}</strong>
          </td>
        </tr>
      </tfoot>
    </DataTable>
  );
}

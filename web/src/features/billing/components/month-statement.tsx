import { useTranslation } from 'react-i18next';
import { DownloadLink } from '../../../components/download-link';
import { invoiceDownload, statementPdfDownload } from '../queries';
import type { Invoice, MonthStatement as MonthStatementData } from '../queries';
import { statementCsvRows } from '../statement-figures';
import { downloadText, toCsv } from '../../usage/usage-csv';
import { StatementComparison } from './statement-comparison';
import { StatementLines } from './statement-lines';

interface Props {
  entry: MonthStatementData;
  invoices: Invoice[];
  tenantName: string;
}

/** One month's statement for a municipality: lines with explanations and its downloads. */
export function MonthStatement({ entry, invoices, tenantName }: Props) {
  const { t } = useTranslation();
  const { month, statement } = entry;
  if (!statement) return <p>{t('billing.noStatement', { month })}</p>;
  const issued = invoices.filter((i) => statement.invoiceIds.includes(i.id));
  const csvName = `${tenantName.replace(/[^\p{L}\p{N}]+/gu, '-')}-${month}.csv`;

  return (
    <>
      <StatementComparison statement={statement} />
      <div className="section-actions">
        {issued.map((i) => (
          <span key={i.id} className="nowrap">
            <DownloadLink className="button button-secondary" href={invoiceDownload(i.id, 'pdf')} preparing={t('common.preparingPdf')}>
              {t('billing.downloadPdfOf', { number: i.number })}
            </DownloadLink>{' '}
            <a className="button button-secondary" href={invoiceDownload(i.id, 'ubl')} download>
              {t('billing.downloadXmlOf', { number: i.number })}
            </a>
          </span>
        ))}
        <DownloadLink className="button button-secondary" href={statementPdfDownload(statement.tenantId, month)} preparing={t('common.preparingPdf')}>
          {t('billing.downloadStatementPdf', { month })}
        </DownloadLink>
        <button type="button" className="button button-secondary" onClick={() => downloadText(csvName, toCsv(statementCsvRows(month, statement)))}>
          {t('billing.downloadCsv', { month })}
        </button>
      </div>
      {issued.length === 0 && <p className="muted">{t('billing.notInvoicedYet')}</p>}
      <StatementLines statement={statement} caption={t('billing.statementCaption', { name: tenantName, month })} />
    </>
  );
}

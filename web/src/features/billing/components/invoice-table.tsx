import { useTranslation } from 'react-i18next';
import { DownloadLink } from '../../../components/download-link';
import { invoiceDownload } from '../queries';
import type { Invoice } from '../queries';
import { formatDate } from '../../../format';
import { formatMoney } from '../money';
import { DataTable } from '../../../components/data-table';

interface Props {
  invoices: Invoice[];
  caption: string;
  /** Tenant id → name; the column is left out when absent (a municipality's own list). */
  names?: Record<string, string>;
}

/** Issued invoices and credit notes with their PDF and XML (UBL) downloads. */
export function InvoiceTable({ invoices, caption, names }: Props) {
  const { t } = useTranslation();
  return (
    <DataTable caption={caption} stack>
      <thead>
        <tr>
          <th scope="col">{t('billing.invoiceNumber')}</th>
          {names && <th scope="col">{t('billing.municipality')}</th>}
          <th scope="col">{t('billing.month')}</th>
          <th scope="col">{t('billing.issueDate')}</th>
          <th scope="col">{t('billing.dueDate')}</th>
          <th scope="col" className="num">{t('billing.total')}</th>
          <th scope="col">{t('billing.downloads')}</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((i) => (
          <tr key={i.id}>
            <th scope="row">
              {i.number}
              {i.kind === 'credit_note' && <span className="muted"> ({t('billing.invoiceKinds.credit_note')})</span>}
            </th>
            {names && <td data-label={t('billing.municipality')}>{names[i.tenantId] ?? i.tenantId}</td>}
            <td data-label={t('billing.month')}>{i.month}</td>
            <td data-label={t('billing.issueDate')}>{formatDate(i.issueDate)}</td>
            <td data-label={t('billing.dueDate')}>{formatDate(i.dueDate)}</td>
            <td className="num" data-label={t('billing.total')}>{formatMoney(i.total)}</td>
            <td className="nowrap" data-label={t('billing.downloads')}>
              <DownloadLink href={invoiceDownload(i.id, 'pdf')} preparing={t('common.preparingPdf')}>
                PDF<span className="visually-hidden"> {i.number}</span>
              </DownloadLink>{' '}
              ·{' '}
              <a href={invoiceDownload(i.id, 'ubl')} download>
                XML<span className="visually-hidden"> {i.number}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

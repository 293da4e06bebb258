import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadLink } from '../../../components/download-link';
import { invoiceDownload } from '../queries';
import type { FinalizedInvoice } from '../queries';
import { formatMoney } from '../money';

interface Props {
  invoices: FinalizedInvoice[];
  names: Record<string, string>;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/** The invoices a finalised run issued, with their numbers and documents. */
export function FinalizedInvoices({ invoices, names, headingRef }: Props) {
  const { t } = useTranslation();
  return (
    <section className="message message-success" aria-labelledby="finalized-title">
      <h2 id="finalized-title" className="message-title" tabIndex={-1} ref={headingRef}>
        {t('billing.finalizedTitle', { count: invoices.length })}
      </h2>
      <ul>
        {invoices.map((i) => (
          <li key={i.id}>
            <strong>{i.number}</strong> ({t(`billing.invoiceKinds.${i.kind}`)}) — {names[i.tenantId] ?? i.tenantId}, {formatMoney(i.total)}:{' '}
            <DownloadLink href={invoiceDownload(i.id, 'pdf')} preparing={t('common.preparingPdf')}>
              {t('billing.downloadPdfOf', { number: i.number })}
            </DownloadLink>
            ,{' '}
            <a href={invoiceDownload(i.id, 'ubl')} download>
              {t('billing.downloadXmlOf', { number: i.number })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

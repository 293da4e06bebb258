import { useTranslation } from 'react-i18next';
import { DownloadLink } from '../../../components/download-link';
import { invoiceDownload } from '../queries';
import type { Invoice, Run } from '../queries';
import { formatMoney } from '../money';
import { StatementComparison } from './statement-comparison';
import { StatementLines } from './statement-lines';

/** Every municipality's statement in a run, each as its own section (the summary links to them). */
export function RunStatements({ run, invoices }: { run: Run; invoices: Invoice[] }) {
  const { t } = useTranslation();
  if (run.statements.length === 0) return <p>{t('billing.noStatements')}</p>;
  return (
    <section className="section" aria-labelledby="run-statements-title">
      <h2 id="run-statements-title">{t('billing.statementsTitle')}</h2>
      {run.statements.map((s) => (
        <section key={s.tenantId} className="section card" aria-labelledby={`statement-${s.tenantId}`}>
          <h3 id={`statement-${s.tenantId}`} tabIndex={-1}>
            {s.tenantName} — {formatMoney(s.total, s.currency)}
          </h3>
          <StatementComparison statement={s} />
          {invoices.filter((i) => s.invoiceIds.includes(i.id)).map((i) => (
            <p key={i.id}>
              <strong>{i.number}</strong> ({t(`billing.invoiceKinds.${i.kind}`)}):{' '}
              <DownloadLink href={invoiceDownload(i.id, 'pdf')} preparing={t('common.preparingPdf')}>
                {t('billing.downloadPdfOf', { number: i.number })}
              </DownloadLink>
              ,{' '}
              <a href={invoiceDownload(i.id, 'ubl')} download>
                {t('billing.downloadXmlOf', { number: i.number })}
              </a>
            </p>
          ))}
          <StatementLines statement={s} caption={t('billing.statementCaption', { name: s.tenantName, month: run.month })} />
        </section>
      ))}
    </section>
  );
}

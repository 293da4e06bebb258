import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { InvoiceTable } from '../components/invoice-table';
import { PageHeading } from '../../../components/page-heading';
import { useTenants } from '../../municipalities/queries';
import { useInvoices } from '../queries';

/** Every issued invoice and credit note, newest first (finance console). */
export function InvoicesPage() {
  const { t } = useTranslation();
  const invoices = useInvoices();
  const tenants = useTenants();
  const names = Object.fromEntries((tenants.data ?? []).map((x) => [x.id, x.name]));
  return (
    <>
      <PageHeading title={t('billing.invoicesTitle')}>
        <p className="lead">{t('billing.invoicesIntro')}</p>
      </PageHeading>
      <AsyncSection resource={invoices}>
        {(list) => (list.length === 0 ? <p>{t('billing.noInvoices')}</p> : <InvoiceTable invoices={list} caption={t('billing.invoicesCaption')} names={names} />)}
      </AsyncSection>
    </>
  );
}

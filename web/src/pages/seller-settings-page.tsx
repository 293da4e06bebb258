import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { billingApi } from '../billing-api';
import { AsyncSection } from '../components/async-section';
import { PageHeading } from '../components/page-heading';
import { SellerForm } from '../components/seller-form';
import { useResource } from '../hooks/use-resource';
import { can } from '../permissions';
import { useUser } from '../session';

/** The seller details printed on every invoice and e-invoice. */
export function SellerSettingsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const seller = useResource((signal) => billingApi.seller.get(signal), []);
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <PageHeading title={t('seller.title')}>
        <p className="lead">{t('seller.intro')}</p>
      </PageHeading>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <AsyncSection resource={seller}>
        {(s) => (
          <SellerForm
            seller={s}
            readOnly={!can(user, 'seller.write')}
            onSaved={(saved) => {
              seller.setData(saved);
              setAnnouncement(t('seller.saved'));
            }}
          />
        )}
      </AsyncSection>
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { PageHeading } from '../../../components/page-heading';
import { SellerForm } from '../components/seller-form';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { useSeller } from '../queries';

/** The seller details printed on every invoice and e-invoice. */
export function SellerSettingsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const seller = useSeller();
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
            onSaved={() => {
              setAnnouncement(t('seller.saved'));
            }}
          />
        )}
      </AsyncSection>
    </>
  );
}

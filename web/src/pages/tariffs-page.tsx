import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { billingApi } from '../billing-api';
import { AsyncSection } from '../components/async-section';
import { DataTable } from '../components/data-table';
import { PageHeading } from '../components/page-heading';
import { TariffForm } from '../components/tariff-form';
import { formatDate } from '../format';
import { useResource } from '../hooks/use-resource';
import { formatDecimal } from '../money';
import { can } from '../permissions';
import { useUser } from '../session';

/** Tariffs per provider and resource with their validity (finance console). */
export function TariffsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const tariffs = useResource((signal) => billingApi.tariffs.list(signal), []);
  const catalogue = useResource(async (signal) => ({ providers: await billingApi.providers(signal), resources: await billingApi.resources(signal) }), []);
  const [announcement, setAnnouncement] = useState('');
  const resourceName = (code: string) => catalogue.data?.resources.find((r) => r.code === code)?.name ?? code;
  const unitOf = (code: string) => catalogue.data?.resources.find((r) => r.code === code)?.unit ?? '';
  const sorted = [...(tariffs.data ?? [])].sort((a, b) => a.provider.localeCompare(b.provider) || a.resource.localeCompare(b.resource) || a.validFrom.localeCompare(b.validFrom));

  return (
    <>
      <PageHeading title={t('billing.tariffsTitle')}>
        <p className="lead">{t('billing.tariffsIntro')}</p>
      </PageHeading>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {can(user, 'tariffs.write') && catalogue.data && (
        <TariffForm
          providers={catalogue.data.providers}
          resources={catalogue.data.resources}
          onAdded={(added) => {
            setAnnouncement(t('billing.tariffAdded', { resource: resourceName(added.resource) }));
            tariffs.reload();
          }}
        />
      )}
      <AsyncSection resource={tariffs}>
        {() =>
          sorted.length === 0 ? (
            <p>{t('billing.noTariffs')}</p>
          ) : (
            <DataTable caption={t('billing.tariffsCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('billing.provider')}</th>
                  <th scope="col">{t('billing.resource')}</th>
                  <th scope="col" className="num">{t('billing.unitPrice')}</th>
                  <th scope="col">{t('billing.validFrom')}</th>
                  <th scope="col">{t('billing.validTo')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((x) => (
                  <tr key={x.id}>
                    <td>{x.provider}</td>
                    <td>{resourceName(x.resource)}</td>
                    <td className="num">
                      {formatDecimal(x.unitPrice, 2)} {x.currency}/{unitOf(x.resource)}
                    </td>
                    <td>{formatDate(x.validFrom)}</td>
                    <td>{x.validTo ? formatDate(x.validTo) : t('billing.openEnded')}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncSection>
    </>
  );
}

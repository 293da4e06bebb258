import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../local-name';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';
import { PageHeading } from '../../../components/page-heading';
import { TariffForm } from '../components/tariff-form';
import { formatDate } from '../../../format';
import { formatDecimal } from '../money';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { useProviders, useResources, useTariffs } from '../queries';

/** Tariffs per provider and resource with their validity (finance console). */
export function TariffsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const tariffs = useTariffs();
  const providers = useProviders();
  const resources = useResources();
  const [announcement, setAnnouncement] = useState('');
  const resourceName = (code: string) => {
    const resource = resources.data?.find((r) => r.code === code);
    return resource ? localName({ lv: resource.name, en: resource.nameEn }) : code;
  };
  const unitOf = (code: string) => resources.data?.find((r) => r.code === code)?.unit ?? '';
  const sorted = [...(tariffs.data ?? [])].sort((a, b) => a.provider.localeCompare(b.provider) || a.resource.localeCompare(b.resource) || a.validFrom.localeCompare(b.validFrom));

  return (
    <>
      <PageHeading title={t('billing.tariffsTitle')}>
        <p className="lead">{t('billing.tariffsIntro')}</p>
      </PageHeading>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {can(user, 'tariffs.write') && providers.data && resources.data && (
        <TariffForm
          providers={providers.data}
          resources={resources.data}
          onAdded={(added) => {
            setAnnouncement(t('billing.tariffAdded', { resource: resourceName(added.resource) }));
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

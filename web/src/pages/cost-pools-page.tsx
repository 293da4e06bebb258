import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { billingApi } from '../billing-api';
import { AsyncSection } from '../components/async-section';
import { CostPoolForm } from '../components/cost-pool-form';
import { DataTable } from '../components/data-table';
import { TextField } from '../components/fields';
import { PageHeading } from '../components/page-heading';
import { useResource } from '../hooks/use-resource';
import { formatMoney, lastEndedMonth, MONTH } from '../money';
import { can } from '../permissions';
import { useUser } from '../session';

/** A month's administration cost pools (finance console). */
export function CostPoolsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [month, setMonth] = useState(lastEndedMonth);
  const valid = MONTH.test(month);
  const pools = useResource(valid ? (signal) => billingApi.costPools.list(month, signal) : null, [month]);
  const [announcement, setAnnouncement] = useState('');

  return (
    <>
      <PageHeading title={t('billing.poolsTitle')}>
        <p className="lead">{t('billing.poolsIntro')}</p>
      </PageHeading>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {can(user.role, 'billing.write') && (
        <CostPoolForm
          month={month}
          onAdded={(added) => {
            setAnnouncement(t('billing.poolAdded', { month: added.month }));
            if (added.month === month) pools.reload();
            else setMonth(added.month);
          }}
        />
      )}
      <TextField id="pools-month" label={t('billing.showMonth')} type="month" value={month} onChange={(e) => setMonth(e.target.value)} className="field-short" />
      <AsyncSection resource={pools}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('billing.noPools', { month })}</p>
          ) : (
            <DataTable caption={t('billing.poolsCaption', { month })}>
              <thead>
                <tr>
                  <th scope="col">{t('billing.description')}</th>
                  <th scope="col">{t('billing.driver')}</th>
                  <th scope="col" className="num">{t('billing.amount')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.id}>
                    <td>{p.description}</td>
                    <td>{t(`billing.drivers.${p.driver}`)}</td>
                    <td className="num">{formatMoney(p.amount, p.currency)}</td>
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

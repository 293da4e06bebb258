import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName, localNameLang } from '../../../local-name';
import { useCostPools, useRemoveCostPool, type CostPool } from '../queries';
import { AsyncSection } from '../../../components/async-section';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { CostPoolForm } from '../components/cost-pool-form';
import { DataTable } from '../../../components/data-table';
import { TextField } from '../../../components/fields';
import { PageHeading } from '../../../components/page-heading';
import { formatMoney, lastEndedMonth, MONTH } from '../money';
import { can } from '../../../permissions';
import { useUser } from '../../../session';

/** A month's administration cost pools (finance console). */
export function CostPoolsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [month, setMonth] = useState(lastEndedMonth);
  const valid = MONTH.test(month);
  const pools = useCostPools(month, valid);
  const remove = useRemoveCostPool();
  const [announcement, setAnnouncement] = useState('');
  const [editing, setEditing] = useState<CostPool | null>(null);
  const [removing, setRemoving] = useState<CostPool | null>(null);
  const writer = can(user, 'cost_pools.write');
  // A pool changed after its month was invoiced is billed through a correction run.
  const changed = (key: 'poolSaved' | 'poolRemoved', pool: CostPool, monthInvoiced: boolean) =>
    setAnnouncement(`${t(`billing.${key}`, { description: pool.description, month: pool.month })}${monthInvoiced ? ` ${t('billing.poolNeedsCorrection', { month: pool.month })}` : ''}`);

  return (
    <>
      <PageHeading title={t('billing.poolsTitle')}>
        <p className="lead">{t('billing.poolsIntro')}</p>
      </PageHeading>
      <p role="status" className={announcement ? 'message message-success' : 'visually-hidden'}>
        {announcement}
      </p>
      {writer && (
        <CostPoolForm
          key={editing?.id ?? 'new'}
          month={month}
          editing={editing}
          onSaved={(saved) => {
            setEditing(null);
            changed('poolSaved', saved, saved.monthInvoiced);
          }}
          onCancel={() => setEditing(null)}
          onAdded={(added) => {
            setAnnouncement(t('billing.poolAdded', { month: added.month }));
            // The added pool's month is loaded again; show that month.
            setMonth(added.month);
          }}
        />
      )}
      <TextField id="pools-month" label={t('billing.showMonth')} type="month" value={month} onChange={(e) => setMonth(e.target.value)} className="field-short" />
      <AsyncSection resource={pools}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('billing.noPools', { month })}</p>
          ) : (
            <DataTable caption={t('billing.poolsCaption', { month })} stack>
              <thead>
                <tr>
                  <th scope="col">{t('billing.description')}</th>
                  <th scope="col">{t('billing.driver')}</th>
                  <th scope="col" className="num">{t('billing.amount')}</th>
                  {writer && <th scope="col">{t('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.id}>
                    <td data-label={t('billing.description')} lang={localNameLang({ lv: p.description, en: p.descriptionEn })}>{localName({ lv: p.description, en: p.descriptionEn })}</td>
                    <td data-label={t('billing.driver')}>{t(`billing.drivers.${p.driver}`)}</td>
                    <td className="num" data-label={t('billing.amount')}>{formatMoney(p.amount, p.currency)}</td>
                    {writer && (
                      <td className="nowrap" data-label={t('common.actions')}>
                        <button
                          type="button"
                          className="button button-small button-secondary"
                          onClick={() => {
                            setEditing(p);
                            window.requestAnimationFrame(() => document.getElementById('pool-amount')?.focus());
                          }}
                        >
                          {t('common.edit')}
                          <span className="visually-hidden"> — {p.description}</span>
                        </button>{' '}
                        <button type="button" className="button button-small button-danger-outline" onClick={() => setRemoving(p)}>
                          {t('billing.removePool')}
                          <span className="visually-hidden"> — {p.description}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncSection>
      <ConfirmDialog
        open={removing !== null}
        title={t('billing.removePoolTitle')}
        confirmLabel={t('billing.removePool')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { monthInvoiced } = await remove.mutateAsync(removing);
          if (editing?.id === removing.id) setEditing(null);
          changed('poolRemoved', removing, monthInvoiced);
        }}
      >
        {removing && <p>{t('billing.removePoolWhat', { description: removing.description, month: removing.month, amount: formatMoney(removing.amount, removing.currency) })}</p>}
      </ConfirmDialog>
    </>
  );
}

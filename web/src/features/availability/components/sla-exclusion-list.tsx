import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';
import { formatInstant } from '../../../format';
import type { Resource } from '../../../hooks/use-resource';
import type { SlaExclusion } from '../queries';

interface Props {
  exclusions: Resource<SlaExclusion[]>;
  tenantId: string;
  /** Ids of the exclusions the report shown takes into account. */
  inReport: Set<string>;
  /** The report shown is a published (frozen) version. */
  frozen: boolean;
  serviceName: (id: string) => string;
  /** Operators may withdraw a mistaken exclusion. */
  onWithdraw?: ((exclusion: SlaExclusion) => void) | undefined;
}

/** Every exclusion that touches the month for this municipality, and whether the report shown counts it. */
export function SlaExclusionList({ exclusions, tenantId, inReport, frozen, serviceName, onWithdraw }: Props) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="sla-exclusion-list">
      <h2 id="sla-exclusion-list">{t('slaExclusion.listTitle')}</h2>
      <AsyncSection resource={exclusions}>
        {(all) => {
          const list = all.filter((x) => x.tenantId === null || x.tenantId === tenantId);
          return list.length === 0 ? (
            <p>{t('slaExclusion.none')}</p>
          ) : (
            <DataTable caption={t('slaExclusion.listTitle')} captionHidden className="table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('subscriptions.service')}</th>
                  <th scope="col">{t('slaReport.outageStart')}</th>
                  <th scope="col">{t('slaReport.outageEnd')}</th>
                  <th scope="col">{t('slaExclusion.reason')}</th>
                  <th scope="col">{t('slaExclusion.scope')}</th>
                  <th scope="col">{t('slaExclusion.by')}</th>
                  <th scope="col">{t('slaExclusion.inReport')}</th>
                  {onWithdraw && <th scope="col">{t('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {list.map((x) => (
                  <tr key={x.id}>
                    <th scope="row">{serviceName(x.serviceId)}</th>
                    <td className="nowrap">
                      <time dateTime={x.startsAt}>{formatInstant(x.startsAt)}</time>
                    </td>
                    <td className="nowrap">
                      <time dateTime={x.endsAt}>{formatInstant(x.endsAt)}</time>
                    </td>
                    <td>{x.reason}</td>
                    <td>{x.tenantId ? t('slaExclusion.scopeThis') : t('slaExclusion.scopeAllShort')}</td>
                    <td>
                      {x.createdBy}
                      <span className="block muted">
                        <time dateTime={x.createdAt}>{formatInstant(x.createdAt)}</time>
                      </span>
                    </td>
                    <td>{inReport.has(x.id) ? t('common.yes') : frozen ? t('slaExclusion.notInPublished') : t('common.no')}</td>
                    {onWithdraw && (
                      <td>
                        <button type="button" className="button button-small button-secondary" onClick={() => onWithdraw(x)}>
                          {t('slaExclusion.withdraw')}
                          <span className="visually-hidden"> — {serviceName(x.serviceId)}, {formatInstant(x.startsAt)}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </DataTable>
          );
        }}
      </AsyncSection>
    </section>
  );
}

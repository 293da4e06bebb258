import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { monthOf, shiftMonth, todayIn } from '../../../business-minutes';
import { formatDate } from '../../../format';
import { slaReportPath } from '../../../desk-paths';
import { can } from '../../../permissions';
import { useUser } from '../../../session';
import { localName } from '../../../local-name';
import { AsyncSection } from '../../../components/async-section';
import { DataTable } from '../../../components/data-table';
import { StateBadge } from '../../../components/status-badge';
import { SubscriptionEnd } from './subscription-end';
import { SubscriptionForm } from './subscription-form';
import { useServices, useSubscriptions, type Subscription } from '../queries';

function period(s: Subscription, today: string): { tone: 'ok' | 'off' | 'warn'; key: string } {
  if (s.from > today) return { tone: 'warn', key: 'upcoming' };
  if (s.to !== null && s.to < today) return { tone: 'off', key: 'ended' };
  return { tone: 'ok', key: 'current' };
}

/** On a municipality's page: the services it uses, a link to their status, and (operators) a form to add one. */
export function TenantServices({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const subscriptions = useSubscriptions(tenantId);
  const services = useServices();
  const [added, setAdded] = useState('');
  const today = todayIn();
  const service = (id: string) => services.data?.find((s) => s.id === id);

  return (
    <section aria-labelledby="tenant-services" className="section">
      <h2 id="tenant-services">{t('subscriptions.title')}</h2>
      <ul className="link-list">
        <li>
          <Link to={`/municipalities/${tenantId}/status`}>{t('subscriptions.statusLink')}</Link>
        </li>
        {can(user, 'sla_reports.read') && (
          <li>
            <Link to={slaReportPath(tenantId, shiftMonth(monthOf(), -1))}>{t('subscriptions.slaLink')}</Link>
          </li>
        )}
      </ul>
      <AsyncSection resource={subscriptions}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('subscriptions.empty')}</p>
          ) : (
            <DataTable caption={t('subscriptions.caption', { name: tenantName })}>
              <thead>
                <tr>
                  <th scope="col">{t('subscriptions.service')}</th>
                  <th scope="col">{t('subscriptions.mode')}</th>
                  <th scope="col">{t('subscriptions.from')}</th>
                  <th scope="col">{t('subscriptions.to')}</th>
                  <th scope="col">{t('subscriptions.state')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => {
                  const found = service(s.serviceId);
                  const p = period(s, today);
                  return (
                    <tr key={s.id}>
                      <th scope="row">{found ? <Link to={`/services/${found.id}`}>{localName(found.name)}</Link> : t('common.loadingShort')}</th>
                      <td>{t(`subscriptionMode.${s.mode}`, { defaultValue: s.mode })}</td>
                      <td>{formatDate(s.from)}</td>
                      <td>
                        {can(user, 'subscriptions.write') ? (
                          <SubscriptionEnd
                            tenantId={tenantId}
                            subscription={s}
                            serviceName={found ? localName(found.name) : ''}
                            onChanged={(changed) => {
                              subscriptions.setData((all) => (all ?? []).map((x) => (x.id === changed.id ? changed : x)));
                              setAdded(changed.to ? t('subscriptions.ended', { name: found ? localName(found.name) : '', date: formatDate(changed.to) }) : t('subscriptions.endCleared', { name: found ? localName(found.name) : '' }));
                            }}
                          />
                        ) : s.to ? (
                          formatDate(s.to)
                        ) : (
                          t('subscriptions.noEnd')
                        )}
                      </td>
                      <td>
                        <StateBadge tone={p.tone} label={t(`subscriptions.period.${p.key}`)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </DataTable>
          )
        }
      </AsyncSection>
      <p role="status" className="status-line">
        {added}
      </p>
      {can(user, 'subscriptions.write') && services.data && (
        <SubscriptionForm
          tenantId={tenantId}
          services={services.data}
          onAdded={(subscription) => {
            subscriptions.setData((list) => [...(list ?? []), subscription]);
            const name = service(subscription.serviceId);
            setAdded(t('subscriptions.added', { name: name ? localName(name.name) : '' }));
          }}
        />
      )}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../components/async-section';
import { DataTable } from '../../components/data-table';
import { PageHeading } from '../../components/page-heading';
import { ProblemMessage } from '../../components/problem-message';
import { StateBadge } from '../../components/status-badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { canChange } from '../../permissions';
import { useUser } from '../../session';
import { ProviderForm } from './provider-form';
import { MappingSummary, RoleMappingForm } from './role-mapping-form';
import { startUrl, useDeleteProvider, useProviderOrganisations, useIdentityProviders, useTestProvider, useUpdateProvider, type IdentityProvider, type ProviderTest } from './queries';

/**
 * Identity providers (OpenID Connect): operators see and manage the agency's and every
 * municipality's; a municipality's admin its own. Each can be tested (Kopa reads its discovery
 * document), tried (a real sign-in in this browser), disabled (sign-ins stop, links stay) and
 * removed (after a confirmation that says the links go too).
 */
export function IdentityProvidersPage() {
  const { t } = useTranslation();
  const user = useUser();
  const mayChange = canChange(user, 'identity_providers.write');
  const providers = useIdentityProviders();
  const update = useUpdateProvider();
  const remove = useDeleteProvider();
  const test = useTestProvider();
  const tenants = useProviderOrganisations(user.tenantId === null);
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tests, setTests] = useState<Record<string, ProviderTest>>({});
  const [removing, setRemoving] = useState<IdentityProvider | null>(null);
  // Only an agency operator may let a provider's claim decide roles; others see the mapping only.
  const mayMap = user.role === 'operator';
  const [mapping, setMapping] = useState<IdentityProvider | null>(null);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageHeading title={t('sso.title')}>
        <p className="lead">{t('sso.intro')}</p>
      </PageHeading>
      <p role="status" className="status-line">
        {announcement}
      </p>
      {error !== null && <ProblemMessage error={error} />}
      {mayChange && !adding && (
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          {t('sso.add')}
        </button>
      )}
      {adding && (
        <ProviderForm
          ownTenantId={user.tenantId}
          tenants={tenants.data ?? []}
          onCancel={() => setAdding(false)}
          onCreated={(p) => {
            setAdding(false);
            setAnnouncement(t('sso.added', { name: p.name }));
          }}
        />
      )}
      {mapping !== null && (
        <RoleMappingForm
          key={mapping.id}
          provider={mapping}
          onCancel={() => setMapping(null)}
          onSaved={(p) => {
            setMapping(null);
            setAnnouncement(t('sso.mappingSaved', { name: p.name }));
          }}
        />
      )}
      <AsyncSection resource={providers}>
        {(list: IdentityProvider[]) =>
          list.length === 0 ? (
            <p>{t('sso.none')}</p>
          ) : (
            <DataTable caption={t('sso.title')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('sso.name')}</th>
                  <th scope="col">{t('sso.organisation')}</th>
                  <th scope="col">{t('sso.emailDomains')}</th>
                  <th scope="col">{t('sso.roleMapping')}</th>
                  <th scope="col">{t('sso.state')}</th>
                  {mayChange && <th scope="col">{t('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.name}
                      <div className="muted">{p.issuer}</div>
                      {tests[p.id] && (
                        <div role="status">{tests[p.id]!.ok ? t('sso.testOk', { issuer: tests[p.id]!.metadata?.issuer ?? '' }) : t('sso.testFailed', { error: tests[p.id]!.error ?? '' })}</div>
                      )}
                    </th>
                    <td>{p.tenantName ?? t('sso.agency')}</td>
                    <td>{p.emailDomains.join(', ')}</td>
                    <td>
                      <MappingSummary provider={p} />
                    </td>
                    <td>
                      <StateBadge tone={p.enabled ? 'ok' : 'off'} label={p.enabled ? t('sso.enabled') : t('sso.disabled')} />
                    </td>
                    {mayChange && (
                      <td>
                        <div className="button-row">
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            aria-label={`${t('sso.test')}: ${p.name}`}
                            onClick={() => void run(async () => setTests({ ...tests, [p.id]: await test.mutateAsync(p.id) }))}
                          >
                            {t('sso.test')}
                          </button>
                          {p.enabled && (
                            <a className="button button-small button-secondary" href={startUrl(p.id, '/account')} aria-label={`${t('sso.try')}: ${p.name}`}>
                              {t('sso.try')}
                            </a>
                          )}
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            aria-label={`${p.enabled ? t('sso.disable') : t('sso.enable')}: ${p.name}`}
                            onClick={() =>
                              void run(async () => {
                                await update.mutateAsync({ id: p.id, changes: { enabled: !p.enabled } });
                                setAnnouncement(p.enabled ? t('sso.disabledNow', { name: p.name }) : t('sso.enabledNow', { name: p.name }));
                              })
                            }
                          >
                            {p.enabled ? t('sso.disable') : t('sso.enable')}
                          </button>
                          {mayMap && (
                            <button type="button" className="button button-small button-secondary" aria-label={`${t('sso.mappingEdit')}: ${p.name}`} onClick={() => setMapping(p)}>
                              {t('sso.mappingEdit')}
                            </button>
                          )}
                          <button type="button" className="button button-small button-danger" aria-label={`${t('sso.remove')}: ${p.name}`} onClick={() => setRemoving(p)}>
                            {t('sso.remove')}
                          </button>
                        </div>
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
        title={t('sso.removeTitle', { name: removing?.name ?? '' })}
        confirmLabel={t('sso.remove')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          await remove.mutateAsync(removing.id);
          setAnnouncement(t('sso.removed', { name: removing.name }));
        }}
      >
        <p>{t('sso.removeText', { name: removing?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}

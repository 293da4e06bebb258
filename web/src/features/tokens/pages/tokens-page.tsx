import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { PageHeading } from '../../../components/page-heading';
import { SecretOnce } from '../../../components/secret-once';
import { TokenAccessCell } from '../components/token-access-cell';
import { TokenCreateForm } from '../components/token-create-form';
import { TokenFilters, type TokenFilter } from '../components/token-filters';
import { formatInstant } from '../../../format';
import { canChange } from '../../../permissions';
import { useUser } from '../../../session';
import { useRevokeToken, useTokens, type ApiToken, type CreatedApiToken } from '../queries';
import { useTenants } from '../../municipalities/queries';

const AGENCY = 'agency';

/**
 * API tokens: who made each and whether it works now (and why not); create (secret shown once)
 * and revoke. Agency staff see every municipality's tokens and filter them; a municipality
 * admin sees their own municipality's.
 */
export function TokensPage() {
  const { t } = useTranslation();
  const user = useUser();
  const agency = user.tenantId === null;
  const mayChange = canChange(user, 'tokens.write');
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const tenants = useTenants();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [filter, setFilter] = useState<TokenFilter>({ tenant: '', creator: '' });
  const addButton = useRef<HTMLButtonElement>(null);

  const creators = useMemo(() => {
    const byId = new Map((tokens.data ?? []).flatMap((x) => (x.creator ? [[x.creator.id, x.creator] as const] : [])));
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'lv'));
  }, [tokens.data]);
  const matches = (token: ApiToken) =>
    (filter.tenant === '' || (filter.tenant === AGENCY ? token.tenantId === null : token.tenantId === filter.tenant)) &&
    (filter.creator === '' || token.creator?.id === filter.creator);

  return (
    <>
      <PageHeading title={t('tokens.title')}>
        <p className="lead">{t('tokens.intro')}</p>
        {agency && <p>{t('tokens.introAgency')}</p>}
      </PageHeading>
      {created && (
        <SecretOnce
          title={t('tokens.createdTitle', { name: created.name })}
          label={t('tokens.secret')}
          value={created.token}
          onDismiss={() => {
            setCreated(null);
            addButton.current?.focus();
          }}
        />
      )}
      {mayChange ? (
        <div className="section-actions">
          <button
            type="button"
            ref={addButton}
            className="button button-primary"
            aria-expanded={adding}
            aria-controls="token-add"
            onClick={() => {
              setAdding((v) => !v);
              setCreated(null);
            }}
          >
            {t('tokens.new')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('tokens.readOnly')}</p>
      )}
      <div id="token-add" hidden={!adding}>
        {adding && mayChange && (
          <TokenCreateForm
            tenants={tenants.data ?? []}
            onCancel={() => {
              setAdding(false);
              addButton.current?.focus();
            }}
            onCreated={(token) => {
              setAdding(false);
              setCreated(token);
            }}
          />
        )}
      </div>
      <p role="status" className="status-line">
        {announcement}
      </p>
      {agency && <TokenFilters value={filter} onChange={setFilter} tenants={tenants.data ?? []} creators={creators} agencyValue={AGENCY} />}
      <AsyncSection resource={tokens}>
        {(list) => {
          if (list.length === 0) return <p>{t('tokens.empty')}</p>;
          const shown = [...list].filter(matches).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
          return (
            <>
              {agency && (
                <p className="muted" role="status">
                  {t('tokens.shown', { shown: shown.length, total: list.length })}
                </p>
              )}
              {shown.length === 0 ? (
                <p>{t('tokens.noMatch')}</p>
              ) : (
                <DataTable caption={t('tokens.caption')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('token.name')}</th>
                      <th scope="col">{t('token.role')}</th>
                      <th scope="col">{t('token.tenant')}</th>
                      <th scope="col">{t('token.creator')}</th>
                      <th scope="col">{t('token.created')}</th>
                      <th scope="col">{t('token.expires')}</th>
                      <th scope="col">{t('token.lastUsed')}</th>
                      <th scope="col">{t('token.access')}</th>
                      {mayChange && <th scope="col">{t('common.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((token) => (
                      <tr key={token.id} className={token.access === 'none' ? 'row-inactive' : undefined}>
                        <th scope="row">
                          {token.name}
                          <span className="muted block mono">{token.prefix}…</span>
                        </th>
                        <td>{t(`roles.${token.role}`)}</td>
                        <td>{token.tenantId ? (token.tenantName ?? token.tenantId) : t('tokens.agencyWide')}</td>
                        <td>
                          {token.creator ? (
                            <>
                              {token.creator.name}
                              <span className="muted block break">{token.creator.email}</span>
                            </>
                          ) : token.createdBy ? (
                            t('tokens.noPerson', { label: token.createdBy })
                          ) : (
                            t('tokens.noPersonUnknown')
                          )}
                        </td>
                        <td>{formatInstant(token.createdAt)}</td>
                        <td>{token.expiresAt ? formatInstant(token.expiresAt) : t('tokens.noExpiry')}</td>
                        <td>{token.lastUsedAt ? formatInstant(token.lastUsedAt) : t('tokens.neverUsed')}</td>
                        <td>
                          <TokenAccessCell token={token} />
                        </td>
                        {mayChange && (
                          <td>
                            {!token.revokedAt && (
                              <button
                                type="button"
                                className="button button-small button-danger-outline"
                                aria-label={`${t('tokens.revoke')}: ${token.name}`}
                                onClick={() => setRevoking(token)}
                              >
                                {t('tokens.revoke')}
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              )}
            </>
          );
        }}
      </AsyncSection>
      <ConfirmDialog
        open={revoking !== null}
        title={t('tokens.revokeTitle')}
        confirmLabel={t('tokens.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          const revoked = await revoke.mutateAsync(revoking.id);
          setAnnouncement(t('tokens.revoked', { name: revoked.name }));
        }}
      >
        <p>{t('tokens.revokeText', { name: revoking?.name ?? '', prefix: revoking?.prefix ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}

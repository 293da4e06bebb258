import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { AsyncSection } from '../components/async-section';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DataTable } from '../components/data-table';
import { PageHeading } from '../components/page-heading';
import { SecretOnce } from '../components/secret-once';
import { StateBadge } from '../components/status-badge';
import { TokenCreateForm } from '../components/token-create-form';
import { formatInstant } from '../format';
import { useResource } from '../hooks/use-resource';
import { useUser } from '../session';
import type { ApiToken, CreatedApiToken } from '../types';

function tokenState(token: ApiToken): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

/** API tokens: list, create (secret shown once), revoke (operator, municipality admin). */
export function TokensPage() {
  const { t } = useTranslation();
  const user = useUser();
  const tokens = useResource((signal) => api.tokens.list(signal), []);
  const tenants = useResource((signal) => api.tenants.list(signal), []);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);

  const tenantName = (id: string | null) => (id ? (tenants.data?.find((x) => x.id === id)?.name ?? (id === user.tenantId ? user.tenantName : null) ?? id) : t('tokens.agencyWide'));

  return (
    <>
      <PageHeading title={t('tokens.title')}>
        <p className="lead">{t('tokens.intro')}</p>
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
      <div id="token-add" hidden={!adding}>
        {adding && (
          <TokenCreateForm
            tenants={tenants.data ?? []}
            onCancel={() => {
              setAdding(false);
              addButton.current?.focus();
            }}
            onCreated={(token) => {
              const { token: _secret, ...stored } = token;
              tokens.setData((list) => [stored, ...(list ?? [])]);
              setAdding(false);
              setCreated(token);
            }}
          />
        )}
      </div>
      <p role="status" className="status-line">
        {announcement}
      </p>
      <AsyncSection resource={tokens}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('tokens.empty')}</p>
          ) : (
            <DataTable caption={t('tokens.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('token.name')}</th>
                  <th scope="col">{t('token.role')}</th>
                  <th scope="col">{t('token.tenant')}</th>
                  <th scope="col">{t('token.prefix')}</th>
                  <th scope="col">{t('token.created')}</th>
                  <th scope="col">{t('token.expires')}</th>
                  <th scope="col">{t('token.lastUsed')}</th>
                  <th scope="col">{t('token.state')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {[...list]
                  .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                  .map((token) => {
                    const state = tokenState(token);
                    return (
                      <tr key={token.id} className={state === 'active' ? undefined : 'row-inactive'}>
                        <th scope="row">{token.name}</th>
                        <td>{t(`roles.${token.role}`)}</td>
                        <td>{tenantName(token.tenantId)}</td>
                        <td className="mono">{token.prefix}…</td>
                        <td>
                          {formatInstant(token.createdAt)}
                          {token.createdBy && <span className="muted block break">{token.createdBy}</span>}
                        </td>
                        <td>{token.expiresAt ? formatInstant(token.expiresAt) : t('tokens.noExpiry')}</td>
                        <td>{token.lastUsedAt ? formatInstant(token.lastUsedAt) : t('tokens.neverUsed')}</td>
                        <td>
                          {state === 'active' && <StateBadge tone="ok" label={t('tokens.state.active')} />}
                          {state === 'expired' && <StateBadge tone="warn" label={t('tokens.state.expired')} />}
                          {state === 'revoked' && <StateBadge tone="off" label={t('tokens.state.revoked', { date: formatInstant(token.revokedAt) })} />}
                        </td>
                        <td>
                          {state !== 'revoked' && (
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
                      </tr>
                    );
                  })}
              </tbody>
            </DataTable>
          )
        }
      </AsyncSection>
      <ConfirmDialog
        open={revoking !== null}
        title={t('tokens.revokeTitle')}
        confirmLabel={t('tokens.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          const revoked = await api.tokens.revoke(revoking.id);
          tokens.setData((list) => (list ?? []).map((x) => (x.id === revoked.id ? revoked : x)));
          setAnnouncement(t('tokens.revoked', { name: revoked.name }));
        }}
      >
        <p>{t('tokens.revokeText', { name: revoking?.name ?? '', prefix: revoking?.prefix ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../components/async-section';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable } from '../../components/data-table';
import { formatInstant } from '../../format';
import { useOwnIdentities, useUnlinkOwnIdentity, type LinkedIdentity } from './queries';

/** The identities at identity providers this person signs in with; each can be unlinked. */
export function LinkedIdentitiesSection() {
  const { t } = useTranslation();
  const identities = useOwnIdentities();
  const unlink = useUnlinkOwnIdentity();
  const [pending, setPending] = useState<LinkedIdentity | null>(null);
  const [announcement, setAnnouncement] = useState('');
  return (
    <>
      <p role="status" className="status-line">
        {announcement}
      </p>
      <AsyncSection resource={identities}>
        {(list: LinkedIdentity[]) =>
          list.length === 0 ? (
            <p>{t('sso.noIdentities')}</p>
          ) : (
            <DataTable caption={t('sso.identitiesTitle')} captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('sso.provider')}</th>
                  <th scope="col">{t('sso.identityEmail')}</th>
                  <th scope="col">{t('sso.linkedAt')}</th>
                  <th scope="col">{t('sso.lastUsed')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.providerName}</th>
                    <td>{i.email}</td>
                    <td>{formatInstant(i.createdAt)}</td>
                    <td>{formatInstant(i.lastUsedAt)}</td>
                    <td>
                      <button type="button" className="button button-small button-secondary" aria-label={`${t('sso.unlink')}: ${i.providerName}`} onClick={() => setPending(i)}>
                        {t('sso.unlink')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )
        }
      </AsyncSection>
      <ConfirmDialog
        open={pending !== null}
        title={t('sso.unlinkTitle', { name: pending?.providerName ?? '' })}
        confirmLabel={t('sso.unlink')}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          await unlink.mutateAsync(pending.id);
          setAnnouncement(t('sso.unlinked', { name: pending.providerName }));
        }}
      >
        <p>{t('sso.unlinkText', { name: pending?.providerName ?? '', email: pending?.email ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}

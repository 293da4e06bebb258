import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../format';
import { useResetSecondFactors, useSignOutEverywhere, useUpdateUser, type Role, type User } from '../queries';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { SelectField } from '../../../components/fields';
import { StateBadge } from '../../../components/status-badge';

interface Props {
  users: User[];
  caption: string;
  currentUserId: string;
  canWrite: boolean;
  /** Roles a user in this list may be given. */
  roleOptions: readonly Role[];
  onChanged: (user: User) => void;
}

type Pending = { kind: 'deactivate' | 'role' | 'resetFactors' | 'signOut'; user: User } | null;

/** People with their role and state; writers can change the role and (de)activate. */
export function UserTable({ users, caption, currentUserId, canWrite, roleOptions, onChanged }: Props) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending>(null);
  const update = useUpdateUser();
  const signOutEverywhere = useSignOutEverywhere();
  const resetSecondFactors = useResetSecondFactors();
  const [role, setRole] = useState<Role>(roleOptions[0]!);
  const [announcement, setAnnouncement] = useState('');
  const [rowError, setRowError] = useState<{ id: string; error: unknown } | null>(null);

  const sorted = [...users].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'lv'));

  const reactivate = async (user: User) => {
    setRowError(null);
    try {
      const saved = await update.mutateAsync({ id: user.id, changes: { active: true } });
      onChanged(saved);
      setAnnouncement(t('users.reactivated', { name: saved.name }));
    } catch (error) {
      setRowError({ id: user.id, error });
    }
  };

  return (
    <>
      <p role="status" className="status-line">
        {announcement}
      </p>
      {rowError && (
        <div className="message message-error" role="alert">
          <p className="message-title">
            <span className="message-icon" aria-hidden="true">!</span>
            {t('users.changeFailed', { name: users.find((u) => u.id === rowError.id)?.name ?? '' })}
          </p>
        </div>
      )}
      <DataTable caption={caption} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t('user.name')}</th>
            <th scope="col">{t('user.email')}</th>
            <th scope="col">{t('user.role')}</th>
            <th scope="col">{t('user.state')}</th>
            <th scope="col">{t('user.lastLogin')}</th>
            {canWrite && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((user) => {
            const self = user.id === currentUserId;
            return (
              <tr key={user.id} className={user.active ? undefined : 'row-inactive'}>
                <th scope="row">
                  {user.name}
                  {self && <span className="muted"> {t('users.you')}</span>}
                </th>
                <td className="break">{user.email}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td>{user.active ? <StateBadge tone="ok" label={t('user.active')} /> : <StateBadge tone="off" label={t('user.inactive')} />}</td>
                <td>{formatInstant(user.lastLoginAt)}</td>
                {canWrite && (
                  <td>
                    {self ? (
                      <span className="muted">{t('users.noSelfChanges')}</span>
                    ) : (
                      <div className="row-actions">
                        {user.active && roleOptions.length > 1 && (
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            aria-label={`${t('users.changeRole')}: ${user.name}`}
                            onClick={() => {
                              setRole(user.role);
                              setPending({ kind: 'role', user });
                            }}
                          >
                            {t('users.changeRole')}
                          </button>
                        )}
                        {user.active && (
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            aria-label={`${t('users.signOutEverywhere')}: ${user.name}`}
                            onClick={() => setPending({ kind: 'signOut', user })}
                          >
                            {t('users.signOutEverywhere')}
                          </button>
                        )}
                        {user.active && (
                          <button
                            type="button"
                            className="button button-small button-danger-outline"
                            aria-label={`${t('users.resetFactors')}: ${user.name}`}
                            onClick={() => setPending({ kind: 'resetFactors', user })}
                          >
                            {t('users.resetFactors')}
                          </button>
                        )}
                        {user.active ? (
                          <button
                            type="button"
                            className="button button-small button-danger-outline"
                            aria-label={`${t('users.deactivate')}: ${user.name}`}
                            onClick={() => setPending({ kind: 'deactivate', user })}
                          >
                            {t('users.deactivate')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            aria-label={`${t('users.reactivate')}: ${user.name}`}
                            onClick={() => void reactivate(user)}
                          >
                            {t('users.reactivate')}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <ConfirmDialog
        open={pending?.kind === 'deactivate'}
        title={t('users.deactivateTitle')}
        confirmLabel={t('users.deactivate')}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          const saved = await update.mutateAsync({ id: pending.user.id, changes: { active: false } });
          onChanged(saved);
          setAnnouncement(t('users.deactivated', { name: saved.name }));
        }}
      >
        <p>{t('users.deactivateText', { name: pending?.user.name ?? '', email: pending?.user.email ?? '' })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'signOut'}
        title={t('users.signOutEverywhereTitle', { name: pending?.user.name ?? '' })}
        confirmLabel={t('users.signOutEverywhere')}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          const { ended } = await signOutEverywhere.mutateAsync(pending.user.id);
          setAnnouncement(t('users.signedOutEverywhere', { name: pending.user.name, count: ended }));
        }}
      >
        <p>{t('users.signOutEverywhereText', { name: pending?.user.name ?? '' })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'resetFactors'}
        title={t('users.resetFactorsTitle', { name: pending?.user.name ?? '' })}
        confirmLabel={t('users.resetFactors')}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          await resetSecondFactors.mutateAsync(pending.user.id);
          setAnnouncement(t('users.factorsReset', { name: pending.user.name }));
        }}
      >
        <p>{t('users.resetFactorsText', { name: pending?.user.name ?? '' })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending?.kind === 'role'}
        title={t('users.changeRoleTitle', { name: pending?.user.name ?? '' })}
        confirmLabel={t('common.save')}
        danger={false}
        initialFocus="body"
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending || role === pending.user.role) return;
          const saved = await update.mutateAsync({ id: pending.user.id, changes: { role } });
          onChanged(saved);
          setAnnouncement(t('users.roleChanged', { name: saved.name, role: t(`roles.${saved.role}`) }));
        }}
      >
        <SelectField
          id="user-role-change"
          label={t('user.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={roleOptions.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
      </ConfirmDialog>
    </>
  );
}

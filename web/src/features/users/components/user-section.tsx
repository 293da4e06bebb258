import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource } from '../../../hooks/use-resource';
import type { CreatedUser, Invitation, Role, User } from '../queries';
import { AsyncSection } from '../../../components/async-section';
import { SecretOnce } from '../../../components/secret-once';
import { UserCreateForm } from './user-create-form';
import { UserTable } from './user-table';

interface Props {
  idPrefix: string;
  users: Resource<User[]>;
  caption: string;
  currentUserId: string;
  canWrite: boolean;
  roleOptions: readonly Role[];
  create: (input: { email: string; name: string; role: Role; password?: string }) => Promise<CreatedUser>;
  /** A municipality's admin invites by e-mail instead of creating accounts (the server refuses them that). */
  invite?: ((input: { email: string; name: string; role: Role }) => Promise<Invitation>) | undefined;
  headingLevel?: 2 | 3;
}

/** A list of people with "add person" (and the one-time password it may produce). */
export function UserSection({ idPrefix, users, caption, currentUserId, canWrite, roleOptions, create, invite, headingLevel = 2 }: Props) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const [invited, setInvited] = useState<Invitation | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const replace = (user: User) => users.setData((list) => (list ?? []).map((u) => (u.id === user.id ? user : u)));

  return (
    <>
      {created?.temporaryPassword && (
        <SecretOnce
          title={t('users.createdWithPassword', { name: created.name })}
          label={t('users.temporaryPassword')}
          value={created.temporaryPassword}
          level={headingLevel}
          onDismiss={() => {
            setCreated(null);
            addButton.current?.focus();
          }}
        />
      )}
      {invited && (
        <p role="status" className="message message-success">
          {t('users.invited', { email: invited.email, date: new Date(invited.expiresAt).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'lv-LV', { timeZone: 'Europe/Riga' }) })}
        </p>
      )}
      {created && !created.temporaryPassword && (
        <p role="status" className="message message-success">
          {t('users.created', { name: created.name })}
        </p>
      )}
      {canWrite && (
        <div className="section-actions">
          <button
            type="button"
            ref={addButton}
            className="button button-primary"
            aria-expanded={adding}
            aria-controls={`${idPrefix}-add`}
            onClick={() => {
              setAdding((v) => !v);
              setCreated(null);
              setInvited(null);
            }}
          >
            {invite ? t('users.invite') : t('users.add')}
          </button>
        </div>
      )}
      <div id={`${idPrefix}-add`} hidden={!adding}>
        {adding && (
          <UserCreateForm
            idPrefix={idPrefix}
            roleOptions={roleOptions}
            add={
              invite
                ? {
                    kind: 'invite',
                    invite,
                    onInvited: (invitation) => {
                      setAdding(false);
                      setInvited(invitation);
                      addButton.current?.focus();
                    },
                  }
                : {
                    kind: 'create',
                    create,
                    onCreated: (user) => {
                      users.setData((list) => [...(list ?? []), user]);
                      setAdding(false);
                      setCreated(user);
                      if (!user.temporaryPassword) addButton.current?.focus();
                    },
                  }
            }
            onCancel={() => {
              setAdding(false);
              addButton.current?.focus();
            }}
          />
        )}
      </div>
      <AsyncSection resource={users}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('users.empty')}</p>
          ) : (
            <UserTable users={list} caption={caption} currentUserId={currentUserId} canWrite={canWrite} roleOptions={roleOptions} onChanged={replace} />
          )
        }
      </AsyncSection>
    </>
  );
}

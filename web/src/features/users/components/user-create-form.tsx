import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { useFormErrors } from '../../../hooks/use-form-errors';
import type { CreatedUser, Invitation, Role } from '../queries';
import { EMAIL, MIN_PASSWORD_LENGTH } from '../../../validation';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';

interface Props {
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  roleOptions: readonly Role[];
  /** Adds the person at once (agency staff); or `invite` sends them an e-mail invitation (a municipality's admin). */
  add:
    | { kind: 'create'; create: (input: { email: string; name: string; role: Role; password?: string }) => Promise<CreatedUser>; onCreated: (user: CreatedUser) => void }
    | { kind: 'invite'; invite: (input: { email: string; name: string; role: Role }) => Promise<Invitation>; onInvited: (invitation: Invitation) => void };
  onCancel: () => void;
}

/** Adds a person; without a password the server makes a one-time password, shown once. Or invites them by e-mail. */
export function UserCreateForm({ idPrefix, roleOptions, add, onCancel }: Props) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roleOptions[0]!);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const idOf = (field: string) => `${idPrefix}-${field}`;
  const labels = { email: t('user.email'), name: t('user.name'), role: t('user.role'), password: t('user.initialPassword') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const list: FieldError[] = [];
    if (!EMAIL.test(email.trim())) list.push({ field: 'email', message: t('validation.email') });
    if (name.trim().length < 2) list.push({ field: 'name', message: t('validation.nameMin') });
    if (password && password.length < MIN_PASSWORD_LENGTH) list.push({ field: 'password', message: t('validation.passwordMin', { count: MIN_PASSWORD_LENGTH }) });
    if (form.fromList(list)) return;
    setBusy(true);
    try {
      if (add.kind === 'invite') add.onInvited(await add.invite({ email: email.trim(), name: name.trim(), role }));
      else add.onCreated(await add.create({ email: email.trim(), name: name.trim(), role, ...(password && { password }) }));
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <div className="field-row">
        <TextField id={idOf('name')} label={labels.name} value={name} onChange={(e) => setName(e.target.value)} error={err('name')} autoComplete="off" />
        <TextField id={idOf('email')} label={labels.email} type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={err('email')} autoComplete="off" spellCheck={false} />
      </div>
      <SelectField
        id={idOf('role')}
        label={labels.role}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        error={err('role')}
        options={roleOptions.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        className="field-short"
      />
      {add.kind === 'invite' ? (
        <p className="field-hint">{t('users.inviteHint')}</p>
      ) : (
        <TextField
          id={idOf('password')}
          label={labels.password}
          optional
          type="password"
          hint={t('users.passwordHint', { count: MIN_PASSWORD_LENGTH })}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={err('password')}
          autoComplete="new-password"
        />
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : add.kind === 'invite' ? t('users.invite') : t('users.add')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

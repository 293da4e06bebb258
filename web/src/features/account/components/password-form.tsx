import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { sessionCalls } from '../queries';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { MIN_PASSWORD_LENGTH } from '../../../validation';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/fields';

const idOf = (field: string) => `account-${field}`;

/** Changes the person's own password; the server then ends every session, this one included. */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const labels = { currentPassword: t('account.currentPassword'), newPassword: t('account.newPassword') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const list: FieldError[] = [];
    if (!currentPassword) list.push({ field: 'currentPassword', message: t('validation.required') });
    if (newPassword.length < MIN_PASSWORD_LENGTH) list.push({ field: 'newPassword', message: t('validation.passwordMin', { count: MIN_PASSWORD_LENGTH }) });
    else if (newPassword === currentPassword) list.push({ field: 'newPassword', message: t('validation.passwordSame') });
    if (form.fromList(list)) return;
    setBusy(true);
    try {
      await sessionCalls.changePassword(currentPassword, newPassword);
      onChanged();
    } catch (error) {
      form.fromError(error);
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <TextField
        id={idOf('currentPassword')}
        label={labels.currentPassword}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={err('currentPassword')}
      />
      <TextField
        id={idOf('newPassword')}
        label={labels.newPassword}
        type="password"
        autoComplete="new-password"
        hint={t('account.newPasswordHint', { count: MIN_PASSWORD_LENGTH })}
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        error={err('newPassword')}
      />
      <p className="muted">{t('account.passwordSignsOut')}</p>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('account.changePassword')}
      </button>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/problem';
import { localDateToInstant } from '../../../format';
import { useFormErrors } from '../../../hooks/use-form-errors';
import { useUser } from '../../../session';
import { isTenantRole, ROLES, TENANT_ROLES, type Role } from '../../../roles';
import type { Tenant } from '../../municipalities/queries';
import { useCreateToken, type CreatedApiToken } from '../queries';
import { DATE } from '../../../validation';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/fields';

interface Props {
  tenants: Tenant[];
  onCreated: (token: CreatedApiToken) => void;
  onCancel: () => void;
}

const idOf = (field: string) => `token-${field}`;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Creates an API token; operators pick any role, municipality admins their own municipality's roles. */
export function TokenCreateForm({ tenants, onCreated, onCancel }: Props) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const user = useUser();
  const roleOptions: readonly Role[] = user.role === 'operator' ? ROLES : TENANT_ROLES;
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roleOptions[0]!);
  const [tenantId, setTenantId] = useState(user.tenantId ?? '');
  const [expires, setExpires] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const chooseTenant = isTenantRole(role) && !user.tenantId;
  const labels = { name: t('token.name'), role: t('token.role'), tenantId: t('token.tenant'), expiresAt: t('token.expiresOn') };
  const err = form.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const list: FieldError[] = [];
    if (name.trim().length < 2) list.push({ field: 'name', message: t('validation.nameMin') });
    if (chooseTenant && !tenantId) list.push({ field: 'tenantId', message: t('validation.chooseTenant') });
    if (expires && (!DATE.test(expires) || expires < today())) list.push({ field: 'expiresAt', message: t('validation.futureDate') });
    if (form.fromList(list)) return;
    setBusy(true);
    try {
      const created = await create.mutateAsync({
        name: name.trim(),
        role,
        tenantId: isTenantRole(role) ? tenantId || null : null,
        expiresAt: expires ? localDateToInstant(expires, true) : null,
      });
      onCreated(created);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <TextField id={idOf('name')} label={labels.name} hint={t('token.nameHint')} value={name} onChange={(e) => setName(e.target.value)} error={err('name')} autoComplete="off" />
      <div className="field-row">
        <SelectField
          id={idOf('role')}
          label={labels.role}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          error={err('role')}
          options={roleOptions.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        {chooseTenant && (
          <SelectField
            id={idOf('tenantId')}
            label={labels.tenantId}
            value={tenantId}
            onChange={(e) => setTenantId(e.target.value)}
            error={err('tenantId')}
            options={[{ value: '', label: t('token.chooseTenant') }, ...tenants.map((x) => ({ value: x.id, label: x.name }))]}
          />
        )}
      </div>
      {isTenantRole(role) && user.tenantName && <p className="muted">{t('token.forTenant', { name: user.tenantName })}</p>}
      <TextField
        id={idOf('expiresAt')}
        label={labels.expiresAt}
        optional
        type="date"
        min={today()}
        hint={t('token.expiresHint')}
        value={expires}
        onChange={(e) => setExpires(e.target.value)}
        error={err('expiresAt')}
        className="field-short"
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('tokens.create')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

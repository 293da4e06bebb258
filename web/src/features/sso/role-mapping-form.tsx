import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField, TextField } from '../../components/fields';
import { useFormErrors } from '../../hooks/use-form-errors';
import { rolesFor, useUpdateProvider, type IdentityProvider, type Role } from './queries';

interface Row {
  key: number;
  value: string;
  role: Role;
}

/** Field paths the server reports (`roleMapping.0.role`) as element ids. */
const idOf = (field: string) => `mapping-${field.replace(/\./g, '-')}`;

/**
 * An operator's claim → role mapping for one provider. The server checks it (a claim with at
 * least one row, unique values, roles of the provider's organisation) and its field problems are
 * shown beside the inputs; the role choices are limited to the organisation's roles already.
 */
export function RoleMappingForm({ provider, onSaved, onCancel }: { provider: IdentityProvider; onSaved: (p: IdentityProvider) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const roles = rolesFor(provider.tenantId);
  const nextKey = useRef(provider.roleMapping.length);
  const [claim, setClaim] = useState(provider.roleClaim ?? '');
  const [rows, setRows] = useState<Row[]>(provider.roleMapping.map((e, i) => ({ key: i, value: e.value, role: e.role })));
  const [busy, setBusy] = useState(false);
  const update = useUpdateProvider();
  const form = useFormErrors();
  const titleId = `mapping-title-${provider.id}`;

  const labels: Record<string, string> = { roleClaim: t('sso.roleClaim'), roleMapping: t('sso.roleMapping') };
  rows.forEach((_, i) => {
    labels[`roleMapping.${i}.value`] = t('sso.mappingValue', { n: i + 1 });
    labels[`roleMapping.${i}.role`] = t('sso.mappingRole', { n: i + 1 });
  });

  const change = (key: number, patch: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => setRows([...rows, { key: nextKey.current++, value: '', role: roles[0]! }]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    form.clear();
    try {
      // An empty claim name means "no claim"; with rows left the server says the claim is required.
      const saved = await update.mutateAsync({ id: provider.id, changes: { roleClaim: claim.trim() === '' ? null : claim, roleMapping: rows.map(({ value, role }) => ({ value, role })) } });
      onSaved(saved);
    } catch (error) {
      form.fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('sso.mappingTitle', { name: provider.name })}</h2>
      <p className="field-hint">{t('sso.mappingIntro')}</p>
      <ErrorSummary errors={form.errors} summaryRef={form.summaryRef} labels={labels} idOf={idOf} />
      <TextField id={idOf('roleClaim')} label={labels.roleClaim!} value={claim} onChange={(e) => setClaim(e.target.value)} hint={t('sso.roleClaimHint')} error={form.message('roleClaim')} optional spellCheck={false} />
      <fieldset className="fieldset">
        <legend>{labels.roleMapping}</legend>
        {form.message('roleMapping') && (
          <p id={`${idOf('roleMapping')}-error`} className="field-error">
            <span className="visually-hidden">{t('common.errorPrefix')} </span>
            <span lang={form.message('roleMapping')!.lang}>{form.message('roleMapping')!.text}</span>
          </p>
        )}
        {rows.length === 0 && <p>{t('sso.mappingNone')}</p>}
        {rows.map((row, i) => (
          <div className="field-row" key={row.key}>
            <TextField id={idOf(`roleMapping.${i}.value`)} label={labels[`roleMapping.${i}.value`]!} value={row.value} onChange={(e) => change(row.key, { value: e.target.value })} error={form.message(`roleMapping.${i}.value`)} spellCheck={false} />
            <SelectField
              id={idOf(`roleMapping.${i}.role`)}
              label={labels[`roleMapping.${i}.role`]!}
              value={row.role}
              onChange={(e) => change(row.key, { role: e.target.value as Role })}
              options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              error={form.message(`roleMapping.${i}.role`)}
            />
            <button type="button" className="button button-small button-secondary" onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
              {t('sso.mappingRemoveRow', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button type="button" id={idOf('roleMapping')} className="button button-small button-secondary" onClick={addRow} aria-describedby={form.message('roleMapping') ? `${idOf('roleMapping')}-error` : undefined}>
          {t('sso.mappingAddRow')}
        </button>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('sso.mappingSave')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The mapping as text for the providers table: "groups: kopa-admins → Administrators; …". */
export function MappingSummary({ provider }: { provider: IdentityProvider }) {
  const { t } = useTranslation();
  if (provider.roleClaim === null) return <span className="muted">{t('sso.mappingFromKopa')}</span>;
  return (
    <>
      <code>{provider.roleClaim}</code>
      <ul className="plain-list">
        {provider.roleMapping.map((e) => (
          <li key={e.value}>
            <code>{e.value}</code> → {t(`roles.${e.role}`)}
          </li>
        ))}
      </ul>
    </>
  );
}

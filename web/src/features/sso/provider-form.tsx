import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { ProblemMessage } from '../../components/problem-message';
import { redirectUri, rolesFor, useCreateProvider, type IdentityProvider, type Role, type Tenant } from './queries';

const AGENCY = 'agency';

/**
 * Registers a provider. Agency operators choose the organisation (the agency or a municipality);
 * a municipality's admin registers one for their own municipality only, with municipality roles only.
 */
export function ProviderForm({ ownTenantId, tenants, onCreated, onCancel }: { ownTenantId: string | null; tenants: Tenant[]; onCreated: (p: IdentityProvider) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [organisation, setOrganisation] = useState(ownTenantId ?? AGENCY);
  const [name, setName] = useState('');
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState('');
  const [createPeople, setCreatePeople] = useState(false);
  const forAgency = organisation === AGENCY;
  const roles = rolesFor(forAgency ? null : organisation);
  const [defaultRole, setDefaultRole] = useState<Role>(roles[0]!);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const create = useCreateProvider();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await create.mutateAsync({
        name,
        issuer,
        clientId,
        clientSecret,
        tenantId: forAgency ? null : organisation,
        emailDomains: domains.split(/[\s,]+/).filter(Boolean),
        createPeople,
        defaultRole: roles.includes(defaultRole) ? defaultRole : roles[0]!,
      });
      onCreated(created);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-labelledby="provider-form-title">
      <h2 id="provider-form-title">{t('sso.addTitle')}</h2>
      <p className="field-hint">{t('sso.redirectUriHint', { uri: redirectUri() })}</p>
      {error !== null && <ProblemMessage error={error} />}
      {ownTenantId === null && (
        <SelectField
          id="provider-organisation"
          label={t('sso.organisation')}
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
          options={[{ value: AGENCY, label: t('sso.agency') }, ...tenants.map((x) => ({ value: x.id, label: x.name }))]}
        />
      )}
      <TextField id="provider-name" label={t('sso.name')} value={name} onChange={(e) => setName(e.target.value)} hint={t('sso.nameHint')} />
      <TextField id="provider-issuer" label={t('sso.issuer')} value={issuer} onChange={(e) => setIssuer(e.target.value)} hint={t('sso.issuerHint')} spellCheck={false} />
      <TextField id="provider-client-id" label={t('sso.clientId')} value={clientId} onChange={(e) => setClientId(e.target.value)} spellCheck={false} />
      <TextField id="provider-client-secret" label={t('sso.clientSecret')} type="password" autoComplete="off" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} hint={t('sso.clientSecretHint')} />
      <TextField id="provider-domains" label={t('sso.emailDomains')} value={domains} onChange={(e) => setDomains(e.target.value)} hint={t('sso.emailDomainsHint')} spellCheck={false} />
      <SelectField
        id="provider-role"
        label={t('sso.defaultRole')}
        value={roles.includes(defaultRole) ? defaultRole : roles[0]!}
        onChange={(e) => setDefaultRole(e.target.value as Role)}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        hint={t('sso.defaultRoleHint')}
      />
      <CheckboxField id="provider-create-people" label={t('sso.createPeople')} checked={createPeople} onChange={(e) => setCreatePeople(e.target.checked)} hint={t('sso.createPeopleHint')} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('sso.add')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tenant } from '../../municipalities/queries';
import { SelectField, TextField } from '../../../components/fields';
import { AUDIT_ACTIONS } from '../../../../../src/domain/audit-actions';

export interface AuditFilterValues {
  action: string;
  entityType: string;
  from: string;
  to: string;
  tenantId: string;
}

export const NO_FILTERS: AuditFilterValues = { action: '', entityType: '', from: '', to: '', tenantId: '' };

const ENTITY_TYPES = ['tenant', 'agreement', 'user', 'api_token', 'calendar', 'service', 'subscription', 'ticket', 'system'];

interface Props {
  initial: AuditFilterValues;
  /** Offered to agency roles, who see every municipality. */
  tenants: Tenant[] | null;
  onApply: (filters: AuditFilterValues) => void;
}

export function AuditFilters({ initial, tenants, onApply }: Props) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState<AuditFilterValues>(initial);
  const [rangeError, setRangeError] = useState(false);
  const set = (key: keyof AuditFilterValues) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [key]: e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = Boolean(v.from && v.to && v.to < v.from);
    setRangeError(bad);
    if (bad) {
      document.getElementById('audit-to')?.focus();
      return;
    }
    onApply({ ...v, action: v.action.trim(), entityType: v.entityType.trim() });
  };

  return (
    <form className="card filters" onSubmit={submit} noValidate role="search" aria-labelledby="audit-filters-title">
      <h2 id="audit-filters-title" className="h3">
        {t('audit.filters')}
      </h2>
      <div className="field-row">
        <SelectField
          id="audit-action"
          label={t('audit.action')}
          optional
          value={v.action}
          onChange={set('action')}
          // Every action the server records (a closed list), by its words, in the reader's alphabetical order.
          options={[{ value: '', label: t('audit.actionHint') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) })).sort((a, b) => a.label.localeCompare(b.label, i18n.language))]}
        />
        <TextField id="audit-entity-type" label={t('audit.entityType')} optional value={v.entityType} onChange={set('entityType')} list="audit-entity-types" spellCheck={false} />
        <datalist id="audit-entity-types">
          {ENTITY_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        {tenants && (
          <SelectField
            id="audit-tenant"
            label={t('audit.tenant')}
            optional
            value={v.tenantId}
            onChange={set('tenantId')}
            options={[{ value: '', label: t('audit.allTenants') }, ...tenants.map((x) => ({ value: x.id, label: x.name }))]}
          />
        )}
      </div>
      <div className="field-row">
        <TextField id="audit-from" label={t('audit.from')} optional type="date" value={v.from} onChange={set('from')} className="field-short" />
        <TextField
          id="audit-to"
          label={t('audit.to')}
          optional
          type="date"
          hint={t('audit.toHint')}
          value={v.to}
          onChange={set('to')}
          error={rangeError ? { text: t('validation.toBeforeFrom') } : null}
          className="field-short"
        />
      </div>
      {rangeError && (
        <p role="alert" className="visually-hidden">
          {t('validation.toBeforeFrom')}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('audit.apply')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setV(NO_FILTERS);
            setRangeError(false);
            onApply(NO_FILTERS);
          }}
        >
          {t('audit.clear')}
        </button>
      </div>
    </form>
  );
}

import { useTranslation } from 'react-i18next';
import type { Tenant } from '../../municipalities/queries';
import { SelectField } from '../../../components/fields';

export interface TokenFilter {
  /** '' for all, a municipality id, or `agencyValue` for agency tokens. */
  tenant: string;
  /** '' for anyone, or a person's id. */
  creator: string;
}

interface Props {
  value: TokenFilter;
  onChange: (value: TokenFilter) => void;
  tenants: Tenant[];
  creators: { id: string; name: string; email: string }[];
  agencyValue: string;
}

/** Narrows the token list at once (no change of context, so WCAG 3.2.2 allows it); the count below says how many remain. */
export function TokenFilters({ value, onChange, tenants, creators, agencyValue }: Props) {
  const { t } = useTranslation();
  return (
    <form className="card filters" role="search" aria-labelledby="token-filters-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="token-filters-title" className="h3">
        {t('tokens.filters')}
      </h2>
      <div className="field-row">
        <SelectField
          id="token-filter-tenant"
          label={t('tokens.filterTenant')}
          value={value.tenant}
          onChange={(e) => onChange({ ...value, tenant: e.target.value })}
          options={[
            { value: '', label: t('tokens.anyTenant') },
            { value: agencyValue, label: t('tokens.agencyOnly') },
            ...[...tenants].sort((a, b) => a.name.localeCompare(b.name, 'lv')).map((x) => ({ value: x.id, label: x.name })),
          ]}
        />
        <SelectField
          id="token-filter-creator"
          label={t('tokens.filterCreator')}
          value={value.creator}
          onChange={(e) => onChange({ ...value, creator: e.target.value })}
          options={[{ value: '', label: t('tokens.anyCreator') }, ...creators.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` }))]}
        />
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES } from '../desk-types';
import type { Tenant } from '../types';
import { SelectField } from './fields';

export interface TicketFilterValues {
  /** "open", "all" or one status. */
  status: string;
  tenantId: string;
}

interface Props {
  initial: TicketFilterValues;
  /** Offered to agency staff, who see every municipality. */
  tenants: Tenant[] | null;
  onApply: (filters: TicketFilterValues) => void;
}

export function TicketFilters({ initial, tenants, onApply }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState<TicketFilterValues>(initial);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(v);
  };

  return (
    <form className="card filters" onSubmit={submit} noValidate role="search" aria-labelledby="ticket-filters-title">
      <h2 id="ticket-filters-title" className="h3">
        {t('tickets.filters')}
      </h2>
      <div className="field-row">
        <SelectField
          id="ticket-filter-status"
          label={t('tickets.filterStatus')}
          value={v.status}
          onChange={(e) => setV((x) => ({ ...x, status: e.target.value }))}
          options={[
            { value: 'open', label: t('tickets.statusOpen') },
            { value: 'all', label: t('tickets.statusAll') },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`ticketStatus.${s}`) })),
          ]}
        />
        {tenants && (
          <SelectField
            id="ticket-filter-tenant"
            label={t('tickets.municipality')}
            value={v.tenantId}
            onChange={(e) => setV((x) => ({ ...x, tenantId: e.target.value }))}
            options={[{ value: '', label: t('tickets.allMunicipalities') }, ...[...tenants].sort((a, b) => a.name.localeCompare(b.name, 'lv')).map((x) => ({ value: x.id, label: x.name }))]}
          />
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('tickets.apply')}
        </button>
      </div>
    </form>
  );
}

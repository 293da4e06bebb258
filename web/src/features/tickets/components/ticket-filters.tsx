import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_CHANNELS, TICKET_STATUSES } from '../../../../../src/domain/desk/ticket';
import type { Assignee } from '../queries';
import type { Tenant } from '../../municipalities/queries';
import { SelectField, TextField } from '../../../components/fields';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

export interface TicketFilterValues {
  /** "open", "all" or one status. */
  status: string;
  tenantId: string;
  /** "" for any priority. */
  priority: string;
  /** "" for anyone. */
  assigneeId: string;
  /** "" for any channel. */
  channel: string;
  /** Subject text or a ticket number. */
  q: string;
}

interface Props {
  initial: TicketFilterValues;
  /** Offered to agency staff, who see every municipality. */
  tenants: Tenant[] | null;
  /** Offered to the desk, who assign tickets. */
  assignees: Assignee[] | null;
  onApply: (filters: TicketFilterValues) => void;
}

export function TicketFilters({ initial, tenants, assignees, onApply }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState<TicketFilterValues>(initial);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...v, q: v.q.trim() });
  };

  return (
    <form className="card filters" onSubmit={submit} noValidate role="search" aria-labelledby="ticket-filters-title">
      <h2 id="ticket-filters-title" className="h3">
        {t('tickets.filters')}
      </h2>
      <div className="field-row">
        <TextField id="ticket-filter-q" label={t('tickets.search')} hint={t('tickets.searchHint')} type="search" value={v.q} maxLength={200} onChange={(e) => setV((x) => ({ ...x, q: e.target.value }))} />
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
        <SelectField
          id="ticket-filter-priority"
          label={t('tickets.filterPriority')}
          value={v.priority}
          onChange={(e) => setV((x) => ({ ...x, priority: e.target.value }))}
          options={[{ value: '', label: t('tickets.anyPriority') }, ...PRIORITIES.map((p) => ({ value: p, label: `${p} — ${t(`priority.${p}`)}` }))]}
        />
        <SelectField
          id="ticket-filter-channel"
          label={t('tickets.filterChannel')}
          value={v.channel}
          onChange={(e) => setV((x) => ({ ...x, channel: e.target.value }))}
          options={[{ value: '', label: t('tickets.channelAll') }, ...TICKET_CHANNELS.map((c) => ({ value: c, label: t(`ticketChannel.${c}`) }))]}
        />
        {assignees && (
          <SelectField
            id="ticket-filter-assignee"
            label={t('tickets.filterAssignee')}
            value={v.assigneeId}
            onChange={(e) => setV((x) => ({ ...x, assigneeId: e.target.value }))}
            options={[{ value: '', label: t('tickets.anyAssignee') }, ...assignees.map((a) => ({ value: a.id, label: a.name }))]}
          />
        )}
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

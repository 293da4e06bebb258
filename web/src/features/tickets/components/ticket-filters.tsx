import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_CHANNELS, TICKET_STATUSES } from '../../../../../src/domain/desk/ticket';
import { TICKET_SORTS } from '../../../../../src/domain/desk/ticket-sort';
import type { Assignee } from '../queries';
import type { Tenant } from '../../municipalities/queries';
import { SelectField, TextField } from '../../../components/fields';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** How long typing may pause before the list follows the search text. */
const SEARCH_PAUSE_MS = 400;

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
  /** Subject or description text, or a ticket number. */
  q: string;
  /** One of TICKET_SORTS. */
  sort: string;
}

interface Props {
  values: TicketFilterValues;
  /** Offered to agency staff, who see every municipality. */
  tenants: Tenant[] | null;
  /** Offered to the desk, who assign tickets. */
  assignees: Assignee[] | null;
  onChange: (filters: TicketFilterValues) => void;
}

/**
 * The list's filters and order. A choice applies as it is made (no button); the search text applies
 * when typing pauses or on Enter. The values live in the address, so a link or Back keeps them.
 */
export function TicketFilters({ values, tenants, assignees, onChange }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(values.q);
  const timer = useRef<number | undefined>(undefined);

  // Back/forward or a link changes the address: the field follows unless the text is the same.
  useEffect(() => setQ(values.q), [values.q]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const set = (change: Partial<TicketFilterValues>) => onChange({ ...values, ...change });
  const type = (text: string) => {
    setQ(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => set({ q: text }), SEARCH_PAUSE_MS);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    window.clearTimeout(timer.current);
    set({ q });
  };

  return (
    <form className="card filters" onSubmit={submit} noValidate role="search" aria-labelledby="ticket-filters-title">
      <h2 id="ticket-filters-title" className="h3">
        {t('tickets.filters')}
      </h2>
      <div className="field-row">
        <TextField id="ticket-filter-q" label={t('tickets.search')} hint={t('tickets.searchHint')} type="search" value={q} maxLength={200} onChange={(e) => type(e.target.value)} />
        <SelectField
          id="ticket-filter-status"
          label={t('tickets.filterStatus')}
          value={values.status}
          onChange={(e) => set({ status: e.target.value })}
          options={[
            { value: 'open', label: t('tickets.statusOpen') },
            { value: 'all', label: t('tickets.statusAll') },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`ticketStatus.${s}`) })),
          ]}
        />
        <SelectField
          id="ticket-filter-priority"
          label={t('tickets.filterPriority')}
          value={values.priority}
          onChange={(e) => set({ priority: e.target.value })}
          options={[{ value: '', label: t('tickets.anyPriority') }, ...PRIORITIES.map((p) => ({ value: p, label: `${p} — ${t(`priority.${p}`)}` }))]}
        />
        <SelectField
          id="ticket-filter-channel"
          label={t('tickets.filterChannel')}
          value={values.channel}
          onChange={(e) => set({ channel: e.target.value })}
          options={[{ value: '', label: t('tickets.channelAll') }, ...TICKET_CHANNELS.map((c) => ({ value: c, label: t(`ticketChannel.${c}`) }))]}
        />
        {assignees && (
          <SelectField
            id="ticket-filter-assignee"
            label={t('tickets.filterAssignee')}
            value={values.assigneeId}
            onChange={(e) => set({ assigneeId: e.target.value })}
            options={[{ value: '', label: t('tickets.anyAssignee') }, ...assignees.map((a) => ({ value: a.id, label: a.name }))]}
          />
        )}
        {tenants && (
          <SelectField
            id="ticket-filter-tenant"
            label={t('tickets.municipality')}
            value={values.tenantId}
            onChange={(e) => set({ tenantId: e.target.value })}
            options={[{ value: '', label: t('tickets.allMunicipalities') }, ...[...tenants].sort((a, b) => a.name.localeCompare(b.name, 'lv')).map((x) => ({ value: x.id, label: x.name }))]}
          />
        )}
        <SelectField id="ticket-filter-sort" label={t('tickets.sort')} value={values.sort} onChange={(e) => set({ sort: e.target.value })} options={TICKET_SORTS.map((s) => ({ value: s, label: t(`tickets.sorts.${s}`) }))} />
      </div>
    </form>
  );
}

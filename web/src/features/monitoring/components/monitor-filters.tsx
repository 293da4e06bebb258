import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/fields';
import { localName } from '../../../local-name';
import type { CatalogueService } from '../../catalogue/queries';
import { DISPLAY_STATES, type MonitorFilterValues } from '../monitor-list-filters';

export { DISPLAY_STATES, type MonitorFilterValues };

interface Props {
  initial: MonitorFilterValues;
  services: CatalogueService[];
  onApply: (filters: MonitorFilterValues) => void;
}

/** Search, state, service and order of the monitors list; the server filters and sorts. */
export function MonitorFilters({ initial, services, onApply }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState<MonitorFilterValues>(initial);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...v, q: v.q.trim() });
  };

  return (
    <form className="card filters" onSubmit={submit} noValidate role="search" aria-labelledby="monitor-filters-title">
      <h2 id="monitor-filters-title" className="h3">
        {t('monitors.filters')}
      </h2>
      <div className="field-row">
        <TextField id="monitor-filter-q" label={t('monitors.search')} hint={t('monitors.searchHint')} type="search" value={v.q} maxLength={200} onChange={(e) => setV((x) => ({ ...x, q: e.target.value }))} />
        <SelectField
          id="monitor-filter-state"
          label={t('monitors.filterState')}
          value={v.state}
          onChange={(e) => setV((x) => ({ ...x, state: e.target.value as MonitorFilterValues['state'] }))}
          options={[{ value: '', label: t('monitors.allStates') }, ...DISPLAY_STATES.map((s) => ({ value: s, label: t(`monitors.state.${s}`) }))]}
        />
        <SelectField
          id="monitor-filter-service"
          label={t('monitor.service')}
          value={v.serviceId}
          onChange={(e) => setV((x) => ({ ...x, serviceId: e.target.value }))}
          options={[{ value: '', label: t('monitors.allServices') }, ...[...services].sort((a, b) => localName(a.name).localeCompare(localName(b.name), 'lv')).map((s) => ({ value: s.id, label: localName(s.name) }))]}
        />
        <SelectField
          id="monitor-filter-sort"
          label={t('monitors.sort')}
          hint={t('monitors.sortHint')}
          value={v.sort}
          onChange={(e) => setV((x) => ({ ...x, sort: e.target.value === 'state' ? 'state' : 'name' }))}
          options={[
            { value: 'name', label: t('monitors.sortName') },
            { value: 'state', label: t('monitors.sortState') },
          ]}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('tickets.apply')}
        </button>
      </div>
    </form>
  );
}

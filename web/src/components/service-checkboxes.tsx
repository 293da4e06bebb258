import { useTranslation } from 'react-i18next';
import type { Text } from '../messages';
import { localName } from '../local-name';
import type { CatalogueService } from '../features/catalogue/queries';

interface Props {
  idPrefix: string;
  legend: string;
  hint?: string;
  services: CatalogueService[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error: Text | null;
}

/** A group of checkboxes, one per catalogue service; the first box carries the group's error id. */
export function ServiceCheckboxes({ idPrefix, legend, hint, services, selected, onChange, error }: Props) {
  const { t } = useTranslation();
  const sorted = [...services].sort((a, b) => localName(a.name).localeCompare(localName(b.name), 'lv'));
  const describedBy = [hint && `${idPrefix}-hint`, error && `${idPrefix}-error`].filter(Boolean).join(' ') || undefined;
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <fieldset className={`fieldset${error ? ' field-invalid' : ''}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${idPrefix}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${idPrefix}-error`} className="field-error">
          <span className="visually-hidden">{t('common.errorPrefix')} </span>
          <span lang={error.lang}>{error.text}</span>
        </p>
      )}
      {sorted.map((service, index) => (
        <div key={service.id} className="field field-checkbox">
          <input
            id={index === 0 ? idPrefix : `${idPrefix}-${service.id}`}
            type="checkbox"
            checked={selected.includes(service.id)}
            onChange={(e) => toggle(service.id, e.target.checked)}
          />
          <label htmlFor={index === 0 ? idPrefix : `${idPrefix}-${service.id}`}>
            {localName(service.name)} <span className="muted">({service.code})</span>
            {service.critical && <span className="tag">{t('service.criticalTag')}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Text } from '../../../messages';
import type { LegalBasisLink } from '../queries';
import { TextField } from '../../../components/fields';

interface Props {
  rows: LegalBasisLink[];
  onChange: (rows: LegalBasisLink[]) => void;
  /** The error of one field of one row, e.g. ("url", 0). */
  error: (field: 'title' | 'url', index: number) => Text | null;
  idOf: (field: 'title' | 'url', index: number) => string;
}

/** Legal acts with links (e.g. to likumi.lv); rows are added and removed, focus follows. */
export function LegalBasisFields({ rows, onChange, error, idOf }: Props) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<number | 'add' | null>(null);

  useEffect(() => {
    if (focus === null) return;
    if (focus === 'add') addRef.current?.focus();
    else document.getElementById(idOf('title', focus))?.focus();
    setFocus(null);
  }, [focus, idOf]);

  const set = (index: number, patch: Partial<LegalBasisLink>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <fieldset className="fieldset">
      <legend>{t('service.legalBasis')}</legend>
      <p className="field-hint">{t('serviceForm.legalBasisHint')}</p>
      {rows.length === 0 && <p>{t('serviceForm.noLegalBasis')}</p>}
      <ol className="plain-list">
        {rows.map((row, index) => (
          <li key={index} className="legal-basis-row">
            <div className="field-row">
              <TextField
                id={idOf('title', index)}
                label={t('serviceForm.legalTitle', { number: index + 1 })}
                value={row.title}
                onChange={(e) => set(index, { title: e.target.value })}
                error={error('title', index)}
                maxLength={300}
              />
              <TextField
                id={idOf('url', index)}
                label={t('serviceForm.legalUrl', { number: index + 1 })}
                type="url"
                inputMode="url"
                placeholder="https://likumi.lv/ta/id/…"
                value={row.url}
                onChange={(e) => set(index, { url: e.target.value })}
                error={error('url', index)}
                maxLength={500}
              />
            </div>
            <button
              type="button"
              className="button button-danger-outline button-small"
              onClick={() => {
                onChange(rows.filter((_, i) => i !== index));
                setFocus(index > 0 ? index - 1 : 'add');
              }}
            >
              {t('serviceForm.removeLegal', { number: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button
          type="button"
          id="service-legal-add"
          ref={addRef}
          className="button button-secondary button-small"
          onClick={() => {
            onChange([...rows, { title: '', url: '' }]);
            setFocus(rows.length);
          }}
          disabled={rows.length >= 20}
        >
          {t('serviceForm.addLegal')}
        </button>
      </div>
    </fieldset>
  );
}

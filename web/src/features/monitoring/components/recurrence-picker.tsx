import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../../components/fields';
import type { Text } from '../../../messages';
import { ORDINALS, WEEKDAYS, type Ordinal, type RecurrenceChoice, type Weekday } from '../recurrence-rule';

interface Props {
  value: RecurrenceChoice;
  onChange: (value: RecurrenceChoice) => void;
  /** The chosen start's weekday and place in its month: the natural first choice. */
  startDay: { weekday: Weekday; ordinal: Ordinal } | null;
  error?: Text | null;
}

/**
 * None, weekly on a weekday, or monthly on the n-th weekday; until a number of times or a date.
 * The times of day are the window's own start and end (Riga time), kept in summer and winter.
 */
export function RecurrencePicker({ value, onChange, startDay, error }: Props) {
  const { t } = useTranslation();
  const repeating = value.kind !== 'none' ? value : null;
  const setKind = (kind: string) => {
    if (kind === 'none') return onChange({ kind: 'none' });
    const base = repeating ?? { weekday: startDay?.weekday ?? 'TU', ordinal: startDay?.ordinal ?? 2, end: { by: 'count' as const, count: 12 } };
    onChange({ ...base, kind: kind as 'weekly' | 'monthly' });
  };
  return (
    <fieldset className="fieldset">
      <legend>{t('recurrence.legend')}</legend>
      <p className="field-hint">{t('recurrence.hint')}</p>
      <SelectField
        id="maintenance-recurrence"
        label={t('recurrence.repeat')}
        className="field-short"
        value={value.kind}
        onChange={(e) => setKind(e.target.value)}
        error={error}
        options={[
          { value: 'none', label: t('recurrence.none') },
          { value: 'weekly', label: t('recurrence.weekly') },
          { value: 'monthly', label: t('recurrence.monthly') },
        ]}
      />
      {repeating && (
        <>
          <div className="field-row">
            {repeating.kind === 'monthly' && (
              <SelectField
                id="maintenance-recurrence-ordinal"
                label={t('recurrence.which')}
                className="field-short"
                value={String(repeating.ordinal)}
                onChange={(e) => onChange({ ...repeating, ordinal: Number(e.target.value) as Ordinal })}
                options={ORDINALS.map((o) => ({ value: String(o), label: t(`recurrence.ordinal.${o}`) }))}
              />
            )}
            <SelectField
              id="maintenance-recurrence-weekday"
              label={t('recurrence.weekday')}
              className="field-short"
              value={repeating.weekday}
              onChange={(e) => onChange({ ...repeating, weekday: e.target.value as Weekday })}
              options={WEEKDAYS.map((d) => ({ value: d, label: t(`recurrence.day.${d}`) }))}
            />
          </div>
          <div className="field-row">
            <SelectField
              id="maintenance-recurrence-end"
              label={t('recurrence.ends')}
              className="field-short"
              value={repeating.end.by}
              onChange={(e) => onChange({ ...repeating, end: e.target.value === 'count' ? { by: 'count', count: 12 } : { by: 'until', until: '' } })}
              options={[
                { value: 'count', label: t('recurrence.afterCount') },
                { value: 'until', label: t('recurrence.onDate') },
              ]}
            />
            {repeating.end.by === 'count' ? (
              <TextField
                id="maintenance-recurrence-count"
                label={t('recurrence.count')}
                type="number"
                min={1}
                max={1000}
                className="field-short"
                value={String(repeating.end.count)}
                onChange={(e) => onChange({ ...repeating, end: { by: 'count', count: Number(e.target.value) } })}
              />
            ) : (
              <TextField
                id="maintenance-recurrence-until"
                label={t('recurrence.until')}
                type="date"
                className="field-short"
                value={repeating.end.until}
                onChange={(e) => onChange({ ...repeating, end: { by: 'until', until: e.target.value } })}
              />
            )}
          </div>
        </>
      )}
    </fieldset>
  );
}

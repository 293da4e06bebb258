import { useTranslation } from 'react-i18next';
import type { Text } from '../messages';
import { PRIORITIES, type Priority } from '../roles';

export type DeskTargetValues = Record<Priority, { reactionMinutes: string; resolutionMinutes: string }>;
type Kind = 'reactionMinutes' | 'resolutionMinutes';

interface Props {
  idOf: (field: string) => string;
  values: DeskTargetValues;
  onChange: (priority: Priority, kind: Kind, value: string) => void;
  errorOf: (field: string) => Text | null;
}

/** Reaction and resolution targets per priority, as a grid with a label on every input. */
export function DeskTargetsFields({ idOf, values, onChange, errorOf }: Props) {
  const { t } = useTranslation();
  const kinds: Kind[] = ['reactionMinutes', 'resolutionMinutes'];
  return (
    <fieldset className="fieldset">
      <legend>{t('agreement.deskTargets')}</legend>
      <p className="field-hint" id="desk-targets-hint">
        {t('agreement.deskTargetsHint')}
      </p>
      <div className="table-wrap">
        <table className="table table-compact targets">
          <thead>
            <tr>
              <th scope="col">{t('agreement.priority')}</th>
              <th scope="col">{t('agreement.reactionMinutes')}</th>
              <th scope="col">{t('agreement.resolutionMinutes')}</th>
            </tr>
          </thead>
          <tbody>
            {PRIORITIES.map((p) => (
              <tr key={p}>
                <th scope="row">
                  {p} <span className="muted">{t(`priority.${p}`)}</span>
                </th>
                {kinds.map((kind) => {
                  const field = `deskTargets.${p}.${kind}`;
                  const id = idOf(field);
                  const error = errorOf(field);
                  return (
                    <td key={kind} className={error ? 'field-invalid' : undefined}>
                      <label htmlFor={id} className="visually-hidden">
                        {t(`agreement.targetLabel.${kind}`, { priority: p })}
                      </label>
                      <input
                        id={id}
                        className="input input-number"
                        inputMode="numeric"
                        value={values[p][kind]}
                        onChange={(e) => onChange(p, kind, e.target.value)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={['desk-targets-hint', error ? `${id}-error` : null].filter(Boolean).join(' ')}
                        aria-required="true"
                      />
                      {error && (
                        <p id={`${id}-error`} className="field-error">
                          <span className="visually-hidden">{t('common.errorPrefix')} </span>
                          <span lang={error.lang}>{error.text}</span>
                        </p>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

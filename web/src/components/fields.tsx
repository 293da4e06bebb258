import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Text } from '../messages';

interface Common {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: Text | null;
  /** Marks the label "(optional)"; fields are required unless said otherwise. */
  optional?: boolean;
  /** Ids of further text that describes the field (e.g. a form-level problem). */
  describedByExtra?: string;
}

function describedBy(id: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra ?? null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ id, label, optional }: Pick<Common, 'id' | 'label' | 'optional'>) {
  const { t } = useTranslation();
  return (
    <label htmlFor={id} className="field-label">
      {label}
      {optional && <span className="field-optional"> {t('common.optional')}</span>}
    </label>
  );
}

function HintAndError({ id, hint, error }: Pick<Common, 'id' | 'hint' | 'error'>) {
  const { t } = useTranslation();
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">{t('common.errorPrefix')} </span>
          <span lang={error.lang}>{error.text}</span>
        </p>
      )}
    </>
  );
}

type InputProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

export function TextField({ id, label, hint, error, optional, className, describedByExtra, ...rest }: InputProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        name={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, describedByExtra)}
        aria-required={optional ? undefined : true}
        {...rest}
      />
    </div>
  );
}

type TextAreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

export function TextAreaField({ id, label, hint, error, optional, describedByExtra, ...rest }: TextAreaProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={id}
        className="input"
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, describedByExtra)}
        aria-required={optional ? undefined : true}
        {...rest}
      />
    </div>
  );
}

type SelectProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { options: { value: string; label: string }[] };

export function SelectField({ id, label, hint, error, optional, options, className, describedByExtra, ...rest }: SelectProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, describedByExtra)}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type CheckboxProps = Omit<Common, 'optional'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>;

export function CheckboxField({ id, label, hint, error, describedByExtra, ...rest }: CheckboxProps) {
  return (
    <div className={`field field-checkbox${error ? ' field-invalid' : ''}`}>
      <input
        id={id}
        name={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error, describedByExtra)}
        {...rest}
      />
      <div>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <HintAndError id={id} hint={hint} error={error} />
      </div>
    </div>
  );
}

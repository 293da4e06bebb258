import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError } from '../api/problem';
import { fieldMessage, type Text } from '../messages';

export interface FormErrors {
  /** Field path → its first problem. */
  fields: Record<string, FieldError>;
  /** Problems that belong to no field shown on the form. */
  general: unknown;
  list: FieldError[];
  /** True when the messages were written by the UI (already in the UI language), false when they came from the server. */
  local: boolean;
}

const EMPTY: FormErrors = { fields: {}, general: null, list: [], local: true };

/**
 * Holds a form's client-side and server-side errors and moves focus to the
 * error summary when they appear, so keyboard and screen reader users hear them.
 */
export function useFormErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>(EMPTY);
  const summaryRef = useRef<HTMLDivElement>(null);

  const focusSummary = () => window.setTimeout(() => summaryRef.current?.focus(), 0);

  const clear = useCallback(() => setErrors(EMPTY), []);

  /** Client-side problems found before sending. Returns true when there were any. */
  const fromList = useCallback((list: FieldError[]): boolean => {
    if (list.length === 0) {
      setErrors(EMPTY);
      return false;
    }
    setErrors({ fields: Object.fromEntries(list.map((e) => [e.field, e])), general: null, list, local: true });
    focusSummary();
    return true;
  }, []);

  /** A failed request: field errors go beside their fields, the rest into the summary. */
  const fromError = useCallback((error: unknown) => {
    if (isApiError(error) && error.errors.length > 0) {
      const fields: Record<string, FieldError> = {};
      for (const e of error.errors) fields[e.field] ??= e;
      setErrors({ fields, general: error, list: error.errors, local: false });
    } else {
      setErrors({ fields: {}, general: error, list: [], local: false });
    }
    focusSummary();
  }, []);

  /**
   * The message to show beside a field, in the UI language when the UI wrote it; null when none.
   * With `nested`, a problem inside the field (`locations[1]`, `config.keyword`) shows there too.
   */
  const message = (field: string, options: { nested?: boolean } = {}): Text | null => {
    const inside = options.nested ? Object.entries(errors.fields).find(([f]) => f.startsWith(`${field}[`) || f.startsWith(`${field}.`))?.[1] : undefined;
    const found = errors.fields[field] ?? inside;
    return found ? fieldMessage(t, found, errors.local) : null;
  };

  return { errors, summaryRef, clear, fromList, fromError, message };
}

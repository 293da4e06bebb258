import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './copy-button';

interface Props {
  title: string;
  label: string;
  value: string;
  onDismiss: () => void;
  /** Heading level that fits where the box appears. */
  level?: 2 | 3;
}

/** A secret the server shows only once (API token, one-time password): copy it now. */
export function SecretOnce({ title, label, value, onDismiss, level = 2 }: Props) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputId = useId();
  const warningId = useId();

  useEffect(() => {
    headingRef.current?.focus();
  }, [value]);

  return (
    <section className="message message-success secret" aria-labelledby={`${inputId}-title`}>
      <Heading id={`${inputId}-title`} className="message-title" tabIndex={-1} ref={headingRef}>
        <span className="message-icon" aria-hidden="true">✓</span>
        {title}
      </Heading>
      <p id={warningId}>
        <strong>{t('secret.onceWarning')}</strong>
      </p>
      <div className="field">
        <label htmlFor={inputId} className="field-label">
          {label}
        </label>
        <div className="secret-row">
          <input id={inputId} className="input input-mono" readOnly value={value} aria-describedby={warningId} onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={value} />
        </div>
      </div>
      <button type="button" className="button button-primary" onClick={onDismiss}>
        {t('secret.dismiss')}
      </button>
    </section>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../components/copy-button';

interface Props {
  codes: string[];
  /** Called once the person says they have kept the codes. */
  onDone: () => void;
  doneLabel: string;
  level?: 2 | 3;
}

/** Ten one-time codes, shown once: copy, download, and say they are kept before going on. */
export function RecoveryCodes({ codes, onDone, doneLabel, level = 2 }: Props) {
  const { t } = useTranslation();
  const Heading = level === 2 ? 'h2' : 'h3';
  const [saved, setSaved] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const text = `${t('mfa.recoveryFileTitle')}\n\n${codes.join('\n')}\n`;
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;

  useEffect(() => headingRef.current?.focus(), [codes]);

  return (
    <section className="message message-success secret" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} className="message-title" tabIndex={-1} ref={headingRef}>
        <span className="message-icon" aria-hidden="true">✓</span>
        {t('mfa.recoveryTitle')}
      </Heading>
      <p>{t('mfa.recoveryExplain')}</p>
      <p>
        <strong>{t('secret.onceWarning')}</strong>
      </p>
      <ul className="recovery-codes" aria-label={t('mfa.recoveryTitle')}>
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="button-row">
        <CopyButton value={codes.join('\n')} />
        <a className="button button-secondary" href={href} download="kopa-atkopsanas-kodi.txt">
          {t('mfa.recoveryDownload')}
        </a>
      </div>
      <div className="field field-checkbox">
        <input id={`${id}-saved`} type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
        <label htmlFor={`${id}-saved`}>{t('mfa.recoverySaved')}</label>
      </div>
      <button type="button" className="button button-primary" disabled={!saved} onClick={onDone}>
        {doneLabel}
      </button>
    </section>
  );
}

import { useId, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from '../hooks/use-form-errors';
import { describeProblem, fieldMessage } from '../messages';

interface Props {
  errors: FormErrors;
  summaryRef: RefObject<HTMLDivElement | null>;
  /** Field path → label of the field shown on this form. */
  labels: Record<string, string>;
  /** Field path → id of its input. */
  idOf: (field: string) => string;
}

/**
 * The list of a form's problems, announced when it appears and focused, each
 * linking to its field (GOV.UK pattern). Problems of fields not on the form are listed too.
 */
export function ErrorSummary({ errors, summaryRef, labels, idOf }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  if (!errors.general && errors.list.length === 0) return null;
  const problem = errors.general ? describeProblem(t, errors.general) : null;

  const jump = (event: MouseEvent<HTMLAnchorElement>, field: string) => {
    const target = document.getElementById(idOf(field));
    if (target) {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: 'center' });
    }
  };

  return (
    <div className="message message-error error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby={titleId}>
      <p id={titleId} className="message-title">
        <span className="message-icon" aria-hidden="true">!</span>
        {errors.list.length > 0 ? t('form.errorSummary', { count: errors.list.length }) : (problem?.summary ?? t('errors.unexpected'))}
      </p>
      {problem && errors.list.length > 0 && problem.summary !== t('errors.validation') && <p>{problem.summary}</p>}
      {problem?.detail && (
        <p className="message-detail" lang={problem.detail.lang}>
          {problem.detail.text}
        </p>
      )}
      {errors.list.length > 0 && (
        <ul>
          {errors.list.map((e) => {
            const message = fieldMessage(t, e, errors.local);
            const label = labels[e.field];
            return (
              <li key={`${e.field}:${e.message}`}>
                {label ? (
                  <a href={`#${idOf(e.field)}`} onClick={(event) => jump(event, e.field)}>
                    {label}: <span lang={message.lang}>{message.text}</span>
                  </a>
                ) : (
                  <>
                    <code>{e.field}</code>: <span lang={message.lang}>{message.text}</span>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

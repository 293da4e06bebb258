import { useTranslation } from 'react-i18next';
import { describeProblem } from '../messages';

interface Props {
  error: unknown;
  /** Offers a "try again" button. */
  onRetry?: () => void;
  /** Replaces the generic summary sentence. */
  summary?: string;
}

/** A failed request, announced to screen readers. */
export function ProblemMessage({ error, onRetry, summary }: Props) {
  const { t } = useTranslation();
  const problem = describeProblem(t, error);
  return (
    <div className="message message-error" role="alert">
      <p className="message-title">
        <span className="message-icon" aria-hidden="true">!</span>
        <span className="visually-hidden">{t('common.errorPrefix')} </span>
        {summary ?? problem.summary}
      </p>
      {problem.detail && (
        <p className="message-detail" lang={problem.detail.lang}>
          {problem.detail.text}
        </p>
      )}
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

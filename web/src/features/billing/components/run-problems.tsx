import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../queries';

/** What stops a run from being finalised, shown first on the run's page. */
export function RunProblems({ problems }: { problems: RunSummary['problems'] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="message message-error" role="alert" aria-labelledby="run-problems-title">
      <p id="run-problems-title" className="message-title">
        <span className="message-icon" aria-hidden="true">!</span>
        {t('billing.problemsTitle', { count: problems.length })}
      </p>
      <ul>
        {/* A run's problems are the server's own sentences (they name tariffs and municipalities). */}
        {problems.map((p) => (
          <li key={`${p.field}:${p.message}`}>
            <code>{p.field}</code>: <span lang="en">{p.message}</span>
          </li>
        ))}
      </ul>
      <p>{t('billing.problemsHelp')}</p>
    </div>
  );
}

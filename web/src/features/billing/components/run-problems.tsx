import { useTranslation } from 'react-i18next';
import { fieldMessage } from '../../../messages';
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
        {/* Worded from each problem's code; a draft computed before problems had codes keeps the server's English. */}
        {problems.map((p) => {
          const text = fieldMessage(t, p, false);
          return (
            <li key={`${p.field}:${p.message}`}>
              <code>{p.field}</code>: <span lang={text.lang}>{text.text}</span>
            </li>
          );
        })}
      </ul>
      <p>{t('billing.problemsHelp')}</p>
    </div>
  );
}

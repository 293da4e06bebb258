import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { describeProblem } from '../../../messages';
import { useWatchers, useWatching } from '../queries';

/**
 * Who follows the ticket and hears of its public replies and status changes by e-mail, and the
 * signed-in person's own "follow / stop following" button. The reporter hears of them anyway.
 */
export function TicketWatchers({ ticketId, userId, isReporter, canWatch }: { ticketId: string; userId: string; isReporter: boolean; canWatch: boolean }) {
  const { t } = useTranslation();
  const watchers = useWatchers(ticketId);
  const watching = useWatching(ticketId);
  const [said, setSaid] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = async (watch: boolean) => {
    setProblem(null);
    try {
      await watching.mutateAsync({ watch, userId });
      setSaid(t(watch ? 'watchers.nowWatching' : 'watchers.noLongerWatching'));
    } catch (error) {
      setProblem(describeProblem(t, error).summary);
    }
  };

  return (
    <AsyncSection resource={watchers}>
      {(list) => {
        const mine = list.some((w) => w.id === userId);
        return (
          <>
            <p className="muted">{t(isReporter ? 'watchers.explainReporter' : 'watchers.explain')}</p>
            {list.length === 0 ? (
              <p>{t('watchers.none')}</p>
            ) : (
              <ul className="plain-list">
                {list.map((w) => (
                  <li key={w.id}>
                    {w.name}
                    {w.agency && <span className="muted"> ({t('watchers.agency')})</span>}
                    {w.id === userId && <span className="muted"> ({t('watchers.you')})</span>}
                  </li>
                ))}
              </ul>
            )}
            {canWatch && (
              <div className="button-row">
                <button type="button" className="button" disabled={watching.isPending} onClick={() => void toggle(!mine)} aria-pressed={mine}>
                  {t(mine ? 'watchers.unwatch' : 'watchers.watch')}
                </button>
              </div>
            )}
            <p role="status" className="status-line">
              {said}
            </p>
            {problem && (
              <p className="message message-error" role="alert">
                {problem}
              </p>
            )}
          </>
        );
      }}
    </AsyncSection>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AsyncSection } from '../../../components/async-section';
import { SelectField } from '../../../components/fields';
import { describeProblem } from '../../../messages';
import { useWatcherCandidates, useWatchers, useWatching, type Watcher } from '../queries';

interface Props {
  ticketId: string;
  userId: string;
  isReporter: boolean;
  canWatch: boolean;
  /** The service desk: adds the municipality's people and agency staff, removes anyone. Others add colleagues. */
  isStaff: boolean;
}

/**
 * Who follows the ticket and hears of its public replies and status changes by e-mail, the
 * signed-in person's own "follow / stop following" button, and adding others (the desk anyone who
 * may see the ticket, a municipality's person their colleagues) and, for the desk, removing them.
 * The reporter hears of them anyway.
 */
export function TicketWatchers({ ticketId, userId, isReporter, canWatch, isStaff }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const watchers = useWatchers(ticketId);
  const candidates = useWatcherCandidates(ticketId, canWatch);
  const watching = useWatching(ticketId);
  const [chosen, setChosen] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const change = async (watch: boolean, person: Pick<Watcher, 'id' | 'name'>) => {
    setProblem(null);
    try {
      await watching.mutateAsync({ watch, userId: person.id, other: person.id !== userId });
      if (person.id === userId) setSaid(t(watch ? 'watchers.nowWatching' : 'watchers.noLongerWatching'));
      else setSaid(t(watch ? 'watchers.added' : 'watchers.removed', { name: person.name }));
      if (watch) setChosen('');
    } catch (error) {
      setProblem(describeProblem(t, error).summary);
    }
  };

  return (
    <AsyncSection resource={watchers}>
      {(list) => {
        const mine = list.some((w) => w.id === userId);
        const addable = (candidates.data ?? []).filter((c) => c.id !== userId && !list.some((w) => w.id === c.id));
        const label = (w: Watcher) => `${w.name}${w.agency ? ` (${t('watchers.agency')})` : ''}`;
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
                    {canWatch && isStaff && w.id !== userId && (
                      <>
                        {' '}
                        <button type="button" className="button button-secondary button-small" disabled={watching.isPending} aria-label={t('watchers.removeLabel', { name: w.name })} onClick={() => void change(false, w)}>
                          {t('watchers.remove')}
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canWatch && (
              <div className="button-row">
                <button type="button" className="button" disabled={watching.isPending} onClick={() => void change(!mine, { id: userId, name: '' })} aria-pressed={mine}>
                  {t(mine ? 'watchers.unwatch' : 'watchers.watch')}
                </button>
              </div>
            )}
            {canWatch && addable.length > 0 && (
              <form
                className="inline-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  const person = addable.find((c) => c.id === chosen);
                  if (person) void change(true, person);
                }}
              >
                <SelectField
                  id={`${id}-add`}
                  label={t(isStaff ? 'watchers.addLabel' : 'watchers.addColleague')}
                  value={chosen}
                  onChange={(e) => setChosen(e.target.value)}
                  options={[{ value: '', label: t('watchers.choose') }, ...addable.map((c) => ({ value: c.id, label: label(c) }))]}
                />
                <div className="button-row">
                  <button type="submit" className="button button-secondary" disabled={watching.isPending || chosen === ''}>
                    {t('watchers.add')}
                  </button>
                </div>
              </form>
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

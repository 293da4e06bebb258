import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountCalls, useSignedInSessions } from '../queries';
import { formatInstant } from '../../../format';
import { DataTable } from '../../../components/data-table';
import { Loading } from '../../../components/loading';
import { ProblemMessage } from '../../../components/problem-message';
import { StateBadge } from '../../../components/status-badge';

/** Where one is signed in: browser, address, last seen; the others can be ended from here. */
export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useSignedInSessions();
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<unknown>(null);

  if (sessions.loading && !sessions.data) return <Loading label={t('common.loading')} />;
  if (!sessions.data) return <ProblemMessage error={sessions.error} onRetry={sessions.reload} />;
  const others = sessions.data.filter((s) => !s.current);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
      sessions.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <p role="status" className="status-line">
        {announcement}
      </p>
      {error !== null && <ProblemMessage error={error} />}
      <DataTable caption={t('sessions.title')} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t('sessions.browser')}</th>
            <th scope="col">{t('sessions.address')}</th>
            <th scope="col">{t('sessions.signedIn')}</th>
            <th scope="col">{t('sessions.lastSeen')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.data.map((s) => (
            <tr key={s.id}>
              <th scope="row" title={s.userAgent ?? undefined}>
                {s.browser ?? t('common.unknown')}
              </th>
              <td>{s.clientAddress ?? t('common.unknown')}</td>
              <td>{formatInstant(s.createdAt)}</td>
              <td>{formatInstant(s.lastSeenAt)}</td>
              <td>
                {s.current ? (
                  <StateBadge tone="ok" label={t('sessions.current')} />
                ) : (
                  <button
                    type="button"
                    className="button button-small button-danger-outline"
                    aria-label={`${t('sessions.end')}: ${s.browser ?? ''} ${s.clientAddress ?? ''}`}
                    onClick={() =>
                      void run(async () => {
                        await accountCalls.endSession(s.id);
                        setAnnouncement(t('sessions.ended'));
                      })
                    }
                  >
                    {t('sessions.end')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
      {others.length > 0 && (
        <p className="button-row">
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              void run(async () => {
                const { ended } = await accountCalls.endOtherSessions();
                setAnnouncement(t('sessions.endedOthers', { count: ended }));
              })
            }
          >
            {t('sessions.endOthers')}
          </button>
        </p>
      )}
    </>
  );
}

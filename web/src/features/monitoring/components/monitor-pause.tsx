import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ProblemMessage } from '../../../components/problem-message';
import { useUpdateMonitor, type Monitor } from '../queries';

/** Pauses a monitor (after a confirmation: paused time is not measured) or resumes it; says which it did. */
export function MonitorPause({ monitor, onChanged }: { monitor: Monitor; onChanged: (message: string) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const update = useUpdateMonitor(monitor.id);
  const [error, setError] = useState<unknown>(null);
  const busy = update.isPending;

  const resume = async () => {
    setError(null);
    try {
      await update.mutateAsync({ active: true });
      onChanged(t('monitorPage.resumed', { name: monitor.name }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      {monitor.active ? (
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          {t('monitorPage.pause')}
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={() => void resume()} disabled={busy} aria-busy={busy}>
          {busy ? t('common.working') : t('monitorPage.resume')}
        </button>
      )}
      {error !== null && <ProblemMessage error={error} />}
      <ConfirmDialog
        open={confirming}
        title={t('monitorPage.pauseTitle', { name: monitor.name })}
        confirmLabel={t('monitorPage.pause')}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await update.mutateAsync({ active: false });
          onChanged(t('monitorPage.paused', { name: monitor.name }));
        }}
      >
        <p>{t('monitorPage.pauseWarning')}</p>
      </ConfirmDialog>
    </>
  );
}

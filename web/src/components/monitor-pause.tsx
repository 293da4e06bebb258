import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { monitoringApi } from '../monitoring-api';
import type { Monitor } from '../monitoring-types';
import { ConfirmDialog } from './confirm-dialog';
import { ProblemMessage } from './problem-message';

/** Pauses a monitor (after a confirmation: paused time is not measured) or resumes it. */
export function MonitorPause({ monitor, onChanged }: { monitor: Monitor; onChanged: (monitor: Monitor, message: string) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const resume = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await monitoringApi.monitors.update(monitor.id, { active: true }), t('monitorPage.resumed', { name: monitor.name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
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
        onConfirm={async () => onChanged(await monitoringApi.monitors.update(monitor.id, { active: false }), t('monitorPage.paused', { name: monitor.name }))}
      >
        <p>{t('monitorPage.pauseWarning')}</p>
      </ConfirmDialog>
    </>
  );
}

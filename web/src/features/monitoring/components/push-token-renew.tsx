import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { SecretOnce } from '../../../components/secret-once';
import { useIssuePushToken } from '../queries';

/** A push monitor's new secret URL (the old one stops working), shown once to copy. */
export function PushTokenRenew({ monitorId, name }: { monitorId: string; name: string }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const issue = useIssuePushToken();

  return (
    <section className="section" aria-labelledby="push-url">
      <h2 id="push-url">{t('monitorPage.pushTitle')}</h2>
      <p>{t('monitorPage.pushIntro')}</p>
      {url ? (
        <SecretOnce level={3} title={t('monitorForm.pushTitle', { name })} label={t('monitorForm.pushUrl')} value={url} onDismiss={() => setUrl(null)} />
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          {t('monitorPage.newPushUrl')}
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('monitorPage.newPushUrlTitle', { name })}
        confirmLabel={t('monitorPage.newPushUrl')}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          setUrl(await issue.mutateAsync(monitorId));
        }}
      >
        <p>{t('monitorPage.newPushUrlWarning')}</p>
      </ConfirmDialog>
    </section>
  );
}

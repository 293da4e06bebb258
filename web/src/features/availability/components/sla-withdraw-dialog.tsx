import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../../api/problem';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextAreaField } from '../../../components/fields';
import { formatInstant } from '../../../format';
import { describeProblem, fieldMessage, type Text } from '../../../messages';
import { useWithdrawExclusion, type SlaExclusion } from '../queries';

interface Props {
  /** The exclusion to withdraw and its service's name; null while the dialog is closed. */
  target: { exclusion: SlaExclusion; serviceName: string } | null;
  onClose: () => void;
  onWithdrawn: (exclusion: SlaExclusion) => void;
}

/** Asks why a mistaken exclusion is withdrawn; the outage then counts again (audited on the server). */
export function SlaWithdrawDialog({ target, onClose, onWithdrawn }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<Text | null>(null);
  const withdraw = useWithdrawExclusion();

  const close = () => {
    setReason('');
    setReasonError(null);
    onClose();
  };

  const confirm = async () => {
    if (!target) return;
    if (!reason.trim()) {
      setReasonError({ text: t('slaExclusion.withdrawReasonRequired') });
      document.getElementById('withdraw-reason')?.focus();
      throw new ApiError(400, '', '', [{ field: 'reason', message: t('slaExclusion.withdrawReasonRequired') }]);
    }
    setReasonError(null);
    try {
      const withdrawn = await withdraw.mutateAsync({ id: target.exclusion.id, reason: reason.trim() });
      setReason('');
      onWithdrawn(withdrawn);
    } catch (error) {
      if (isApiError(error)) {
        const mine = error.errors.find((e) => e.field === 'reason');
        setReasonError(mine ? fieldMessage(t, mine, false) : (describeProblem(t, error).detail ?? { text: error.title, lang: 'en' }));
        document.getElementById('withdraw-reason')?.focus();
      }
      throw error;
    }
  };

  return (
    <ConfirmDialog open={target !== null} title={t('slaExclusion.withdrawTitle')} confirmLabel={t('slaExclusion.withdrawConfirm')} onConfirm={confirm} onClose={close} initialFocus="body">
      {target && (
        <>
          <p>
            {t('slaExclusion.withdrawWhat', {
              service: target.serviceName,
              start: formatInstant(target.exclusion.startsAt),
              end: formatInstant(target.exclusion.endsAt),
              reason: target.exclusion.reason,
            })}
          </p>
          <TextAreaField id="withdraw-reason" label={t('slaExclusion.withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} maxLength={2000} />
          <p className="muted">{t('slaExclusion.withdrawAudited')}</p>
        </>
      )}
    </ConfirmDialog>
  );
}

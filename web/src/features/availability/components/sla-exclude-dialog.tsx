import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError, type FieldError } from '../../../api/problem';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextAreaField } from '../../../components/fields';
import { formatInstant } from '../../../format';
import { fieldMessage, type Text } from '../../../messages';
import { formatSeconds } from '../../../status-format';
import { useExcludeOutage, type Outage, type ServiceReport, type SlaExclusion } from '../queries';

interface Props {
  /** The outage to exclude and its service; null while the dialog is closed. */
  target: { service: ServiceReport; serviceName: string; outage: Outage } | null;
  tenantId: string;
  tenantName: string;
  onClose: () => void;
  onExcluded: (exclusion: SlaExclusion) => void;
}

/** Asks for the reason (and whom it applies to) before an outage is excluded from the SLA; audited on the server. */
export function SlaExcludeDialog({ target, tenantId, tenantName, onClose, onExcluded }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [everyone, setEveryone] = useState(false);
  const [reasonError, setReasonError] = useState<Text | null>(null);
  const [others, setOthers] = useState<FieldError[]>([]);
  const exclude = useExcludeOutage();

  const close = () => {
    setReason('');
    setEveryone(false);
    setReasonError(null);
    setOthers([]);
    onClose();
  };

  const confirm = async () => {
    if (!target) return;
    setOthers([]);
    if (!reason.trim()) {
      setReasonError({ text: t('slaExclusion.reasonRequired') });
      document.getElementById('exclusion-reason')?.focus();
      throw new ApiError(400, '', '', [{ field: 'reason', message: t('slaExclusion.reasonRequired') }]);
    }
    setReasonError(null);
    try {
      const created = await exclude.mutateAsync({ serviceId: target.service.serviceId, tenantId: everyone ? null : tenantId, startsAt: target.outage.start, endsAt: target.outage.end, reason: reason.trim() });
      setReason('');
      setEveryone(false);
      onExcluded(created);
    } catch (error) {
      if (isApiError(error)) {
        const mine = error.errors.find((e) => e.field === 'reason');
        setReasonError(mine ? fieldMessage(t, mine, false) : null);
        setOthers(error.errors.filter((e) => e.field !== 'reason'));
        if (mine) document.getElementById('exclusion-reason')?.focus();
      }
      throw error;
    }
  };

  return (
    <ConfirmDialog open={target !== null} title={t('slaExclusion.title')} confirmLabel={t('slaExclusion.confirm')} onConfirm={confirm} onClose={close} initialFocus="body">
      {target && (
        <>
          <p>
            {t('slaExclusion.what', {
              service: target.serviceName,
              start: formatInstant(target.outage.start),
              end: formatInstant(target.outage.end),
              duration: formatSeconds(t, target.outage.seconds),
            })}
          </p>
          <TextAreaField id="exclusion-reason" label={t('slaExclusion.reason')} hint={t('slaExclusion.reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} maxLength={2000} />
          <fieldset className="fieldset fieldset-plain">
            <legend className="field-label">{t('slaExclusion.scope')}</legend>
            <div className="field-radio">
              <input id="exclusion-scope-tenant" type="radio" name="exclusion-scope" checked={!everyone} onChange={() => setEveryone(false)} />
              <label htmlFor="exclusion-scope-tenant">{t('slaExclusion.scopeTenant', { name: tenantName })}</label>
            </div>
            <div className="field-radio">
              <input id="exclusion-scope-all" type="radio" name="exclusion-scope" checked={everyone} onChange={() => setEveryone(true)} />
              <label htmlFor="exclusion-scope-all">{t('slaExclusion.scopeAll')}</label>
            </div>
          </fieldset>
          {others.length > 0 && (
            <ul className="field-error">
              {others.map((e) => {
                const text = fieldMessage(t, e, false);
                return (
                  <li key={`${e.field}:${e.message}`}>
                    <code>{e.field}</code>: <span lang={text.lang}>{text.text}</span>
                  </li>
                );
              })}
            </ul>
          )}
          <p className="muted">{t('slaExclusion.audited')}</p>
        </>
      )}
    </ConfirmDialog>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextAreaField } from '../../../components/fields';
import { useCancelMaintenance, type MaintenanceRecord } from '../queries';

interface Props {
  window: MaintenanceRecord;
  /** Tells screen-reader users what happened once the dialog closes. */
  onCancelled: (message: string) => void;
}

/**
 * Edit and cancel for a window that has not ended. Cancelling asks for the reason (the
 * municipalities are told it) and, for an occurrence of a series, whether the whole series goes.
 */
export function MaintenanceActions({ window: w, onCancelled }: Props) {
  const { t } = useTranslation();
  const cancel = useCancelMaintenance();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<'occurrence' | 'series'>('occurrence');
  const [missing, setMissing] = useState(false);
  const reasonId = `maintenance-cancel-reason-${w.id}`;
  return (
    <div className="button-row">
      <Link to={`/maintenance/${w.id}/edit`} className="button button-secondary">
        {t('maintenance.edit')}
        <span className="visually-hidden">: {w.title}</span>
      </Link>
      <button type="button" className="button button-danger" onClick={() => { setReason(''); setScope('occurrence'); setMissing(false); setOpen(true); }}>
        {t('maintenance.cancel')}
        <span className="visually-hidden">: {w.title}</span>
      </button>
      <ConfirmDialog
        open={open}
        title={t('maintenance.cancelTitle', { title: w.title })}
        confirmLabel={t('maintenance.cancelConfirm')}
        initialFocus="body"
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          if (!reason.trim()) {
            setMissing(true);
            document.getElementById(reasonId)?.focus();
            throw new Error(t('maintenance.reasonRequired'));
          }
          await cancel.mutateAsync({ id: w.id, input: { reason: reason.trim(), scope } });
          onCancelled(t(scope === 'series' ? 'maintenance.seriesCancelled' : 'maintenance.cancelled', { title: w.title }));
        }}
      >
        <p>{t('maintenance.cancelIntro')}</p>
        <TextAreaField id={reasonId} label={t('maintenance.reason')} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} error={missing && !reason.trim() ? { text: t('maintenance.reasonRequired') } : null} />
        {w.seriesId && (
          <fieldset className="fieldset">
            <legend>{t('maintenance.scope')}</legend>
            {(['occurrence', 'series'] as const).map((s) => (
              <div key={s} className="field-radio">
                <input type="radio" id={`maintenance-scope-${w.id}-${s}`} name={`maintenance-scope-${w.id}`} value={s} checked={scope === s} onChange={() => setScope(s)} />
                <label htmlFor={`maintenance-scope-${w.id}-${s}`}>{t(`maintenance.scopes.${s}`)}</label>
              </div>
            ))}
          </fieldset>
        )}
      </ConfirmDialog>
    </div>
  );
}

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from './problem-message';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Runs the action; the dialog stays open and shows the problem when it fails. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  danger?: boolean;
  /** Where focus starts: the safe "Cancel" (default) or the first field in the body. */
  initialFocus?: 'cancel' | 'body';
}

/**
 * A modal confirmation (native <dialog>: focus stays inside, Escape cancels).
 * Focus starts on "Cancel", the safe choice, and returns to the trigger afterwards.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onClose, danger = true, initialFocus = 'cancel' }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setError(null);
      setBusy(false);
      dialog.showModal();
      const first = initialFocus === 'body' ? dialog.querySelector<HTMLElement>('.dialog-body input, .dialog-body select, .dialog-body textarea') : null;
      (first ?? cancelRef.current)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  const restoreFocus = () => {
    const target = returnTo.current;
    window.setTimeout(() => {
      if (target && target.isConnected) target.focus();
      else document.querySelector<HTMLElement>('#main h1')?.focus();
    }, 0);
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
      onClose();
    } catch (e) {
      setBusy(false);
      setError(e);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={() => {
        restoreFocus();
        if (open) onClose();
      }}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {children}
      </div>
      {error !== null && <ProblemMessage error={error} />}
      <div className="button-row">
        <button type="button" ref={cancelRef} className="button button-secondary" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </button>
        <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={() => void confirm()} disabled={busy} aria-busy={busy}>
          {busy ? t('common.working') : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

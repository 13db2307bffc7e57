import { useEffect, useId, useRef } from 'react';
import { t } from '../../i18n/i18n';

/**
 * Asks before something is deleted: a modal dialog (Escape or Cancel keeps it), which says
 * why when the service refuses the deletion.
 */
export function ConfirmDialog({
  question,
  confirmLabel,
  pending,
  problems,
  onConfirm,
  onCancel,
}: {
  question: string;
  confirmLabel: string;
  pending: boolean;
  problems: string[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={id}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <p id={id}>{question}</p>
      {problems.length > 0 && (
        <div className="form-error" role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" autoFocus onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </dialog>
  );
}

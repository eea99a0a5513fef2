"use client";

import { useId, useRef } from "react";

/**
 * A button that asks first, in a modal <dialog>: the browser traps focus in it, Escape cancels,
 * and focus returns to the button when it closes. Cancel has focus, so Enter never destroys.
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  detail,
  confirmLabel,
  onConfirm,
  disabled,
}: {
  label: string;
  /** When the visible label needs context (several "Delete" buttons on one page). */
  accessibleLabel?: string;
  question: string;
  detail?: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button
        aria-label={accessibleLabel}
        className="button secondary danger-text"
        disabled={disabled}
        onClick={() => dialog.current?.showModal()}
        type="button"
      >
        {label}
      </button>
      <dialog
        aria-describedby={detail ? `${id}-detail` : undefined}
        aria-labelledby={`${id}-title`}
        className="confirm-dialog"
        ref={dialog}
      >
        <h2 id={`${id}-title`}>{question}</h2>
        {detail ? <p id={`${id}-detail`}>{detail}</p> : null}
        <div className="actions">
          <button
            className="button danger"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
            type="button"
          >
            {confirmLabel}
          </button>
          {/* biome-ignore lint/a11y/noAutofocus: the safe choice gets focus when the dialog opens */}
          <button autoFocus className="button secondary" onClick={() => dialog.current?.close()} type="button">
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}

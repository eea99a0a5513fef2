import { FormError } from "@/app/components/survey-field";

/** A form's submit button, its polite status ("Saved.") and, below, its error sentence. */
export function SubmitRow({
  label,
  busyLabel,
  busy,
  disabled,
  status,
  error,
}: {
  label: string;
  busyLabel: string;
  busy: boolean;
  /** Also disabled while another action of the same item runs. */
  disabled?: boolean;
  status: string;
  error: string | undefined;
}) {
  return (
    <>
      <div className="actions">
        <button className="button" disabled={busy || disabled} type="submit">
          {busy ? busyLabel : label}
        </button>
        <p aria-live="polite" className="status-message muted small">
          {status}
        </p>
      </div>
      <FormError message={error} />
    </>
  );
}

// Error wiring for one form field: aria-invalid and aria-describedby on the control, the message
// right under it. Field keys are the API's (dotted paths such as "options.1.label").
import type { FieldErrors } from "@/lib/errors";

export function fieldError(fields: FieldErrors | undefined, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const messages = fields?.[key];
    if (messages?.length) return messages.join(" ");
  }
  return undefined;
}

/** Props for the control: invalid and described by its message when there is one. */
export function invalidProps(id: string, message: string | undefined, hintId?: string) {
  const describedBy = [message ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(" ");
  return {
    id,
    "aria-invalid": message ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } as const;
}

export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {message}
    </p>
  );
}

/** The form's own sentence (expected failures: the API's message), announced when it appears. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}

/**
 * The form's sentence unless a field already shows the problem (a validation error's message
 * repeats its first field message): `shown` says which field keys the form displays.
 */
export function formErrorOf(
  state: { error?: string; fields?: FieldErrors },
  shown: (key: string) => boolean,
): string | undefined {
  return Object.keys(state.fields ?? {}).some(shown) ? undefined : state.error;
}

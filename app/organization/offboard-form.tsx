"use client";

import { useActionState } from "react";
import { type OffboardState, offboardOrganizationAction } from "@/app/actions/organization";

export function OffboardForm({ tenantName }: { tenantName: string }) {
  const [state, action, pending] = useActionState<OffboardState, FormData>(offboardOrganizationAction, {});
  return (
    <form action={action} className="stack danger-zone">
      <label htmlFor="confirmation">
        Type <strong>{tenantName}</strong> to confirm
      </label>
      <input
        aria-describedby={state.error ? "confirmation-error" : undefined}
        aria-invalid={state.error ? true : undefined}
        autoComplete="off"
        id="confirmation"
        name="confirmation"
        required
      />
      {state.error ? (
        <p className="field-error" id="confirmation-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <p>
        <button className="button danger" disabled={pending} type="submit">
          Offboard {tenantName}
        </button>
      </p>
    </form>
  );
}

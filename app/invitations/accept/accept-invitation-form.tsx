"use client";

import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/actions/sharing";
import { FormError } from "@/app/components/survey-field";
import type { ActionState } from "@/lib/web/api-action";

export function AcceptInvitationForm({ tenant, token }: { tenant: string; token: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(acceptInvitationAction, {});
  return (
    <form action={action} className="stack">
      <input name="tenant" type="hidden" value={tenant} />
      <input name="token" type="hidden" value={token} />
      <FormError message={state.error} />
      <p className="actions">
        <button className="button" disabled={pending} type="submit">
          {pending ? "Accepting…" : "Accept invitation"}
        </button>
        <a href="/surveys">Not now</a>
      </p>
    </form>
  );
}

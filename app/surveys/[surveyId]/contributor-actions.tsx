"use client";

import { removeContributorAction, revokeInvitationAction } from "@/app/actions/sharing";
import { FormError } from "@/app/components/survey-field";
import { ConfirmButton } from "./confirm-button";
import { useServerAction } from "./use-server-action";

export function RemoveContributorButton({
  surveyId,
  contributor,
}: {
  surveyId: string;
  contributor: { userTenantId: string; userId: string; name: string };
}) {
  const remove = useServerAction(removeContributorAction);
  const { userTenantId, userId, name } = contributor;
  return (
    <>
      <ConfirmButton
        accessibleLabel={`Remove ${name}`}
        confirmLabel="Remove contributor"
        detail={`${name} will no longer be able to edit this survey or see its results.`}
        disabled={remove.pending}
        label="Remove"
        onConfirm={() => remove.run(surveyId, { userTenantId, userId })}
        question={`Remove ${name}?`}
      />
      <FormError message={remove.state.error} />
    </>
  );
}

/** Revoking is undone by inviting again, so it needs no confirmation. */
export function RevokeInvitationButton({
  surveyId,
  invitationId,
  email,
}: {
  surveyId: string;
  invitationId: string;
  email: string;
}) {
  const revoke = useServerAction(revokeInvitationAction);
  return (
    <>
      <button
        aria-label={`Revoke the invitation of ${email}`}
        className="button secondary"
        disabled={revoke.pending}
        onClick={() => revoke.run(surveyId, invitationId)}
        type="button"
      >
        Revoke
      </button>
      <FormError message={revoke.state.error} />
    </>
  );
}

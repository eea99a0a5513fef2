"use server";
// Contributors and invitations through the Survey API: the directory search (Graph on behalf of
// the signed-in person), inviting (the API mails the link), revoking, removing, accepting.
import { redirect } from "next/navigation";
import { editorPath } from "@/app/components/survey-labels";
import type { DirectoryPersonDto } from "@/lib/api/contract/schemas";
import { type ActionState, apiAction } from "@/lib/web/api-action";
import { mutate, textOf } from "./api-mutation";

export async function searchPeopleAction(query: string): Promise<ActionState<DirectoryPersonDto[]>> {
  return apiAction(async (api) => (await api.searchPeople({ query: { q: query, top: 10 } })).items);
}

export type Invitee = { personId: string } | { email: string };

export async function inviteContributorAction(
  surveyId: string,
  invitee: Invitee,
): Promise<ActionState<{ email: string }>> {
  return mutate(async (api) => {
    const sent = await api.createInvitation({ params: { surveyId }, body: invitee });
    return { email: sent.invitation.email };
  });
}

export async function revokeInvitationAction(surveyId: string, invitationId: string): Promise<ActionState<undefined>> {
  return mutate((api) => api.revokeInvitation({ params: { surveyId, invitationId } }));
}

export async function removeContributorAction(
  surveyId: string,
  contributor: { userTenantId: string; userId: string },
): Promise<ActionState<undefined>> {
  return mutate((api) => api.removeContributor({ params: { surveyId, ...contributor } }));
}

export async function acceptInvitationAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const body = { tenantId: textOf(form, "tenant"), token: textOf(form, "token") };
  const state = await apiAction((api) => api.acceptInvitation({ body }));
  if (state.ok && state.data) redirect(editorPath(state.data.surveyId));
  return { error: state.error };
}

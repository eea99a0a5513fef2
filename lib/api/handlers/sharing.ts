// Contributors and invitations. Inviting mails the link from the inviter's own mailbox (Graph,
// on behalf of the caller); consent is checked before anything is written, and an invitation
// whose mail could not be sent is revoked again, so a failed invite leaves nothing behind.
import "server-only";
import { requireIdentity } from "@/lib/env";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { acquireGraphToken, sendInvitationMail } from "@/lib/graph";
import { GRAPH_PERMISSIONS, graphScope } from "@/lib/graph/graph-resource";
import { listContributors, removeContributor } from "@/lib/surveys/contributors";
import {
  acceptInvitation,
  createInvitation,
  listPendingInvitations,
  revokeInvitation,
} from "@/lib/surveys/invitations";
import { isUuid } from "@/lib/surveys/parse";
import { getSurvey } from "@/lib/surveys/queries";
import { API } from "../contract/endpoints";
import { getDirectoryPerson } from "../directory";
import { acceptUrlFor, invitationMail } from "../invitation-mail";
import { serve } from "../server/serve";

export const listContributorsRoute = serve(API.listContributors, async ({ caller, params }) => ({
  items: await listContributors(caller.actor, params.surveyId),
}));

export const removeContributorRoute = serve(API.removeContributor, async ({ caller, params, correlationId }) => {
  const { surveyId, userTenantId, userId } = params;
  // Ids come from the URL: ones that are not ids name nobody (404, not a validation error).
  if (!isUuid(userTenantId) || !isUuid(userId)) throw new NotFoundError("contributor");
  await removeContributor(caller.actor, surveyId, { userTenantId, userId }, { correlationId });
  return undefined;
});

export const listInvitationsRoute = serve(API.listInvitations, async ({ caller, params }) => ({
  items: await listPendingInvitations(caller.actor, params.surveyId),
}));

export const createInvitationRoute = serve(API.createInvitation, async (context) => {
  const { caller, params, body, correlationId, log } = context;
  const { actor, token } = caller;
  // 404 for a survey the caller cannot see, before any call on their behalf; the title is for the mail.
  const survey = await getSurvey(actor, params.surveyId);
  if (actor.kind !== "user") {
    throw new ForbiddenError("Applications cannot invite contributors: the invitation is mailed by a person.");
  }
  const identity = requireIdentity();
  const person = body.personId ? await getDirectoryPerson(token, actor.tenantId, body.personId, correlationId) : null;
  const email = person ? (person.mail ?? person.userPrincipalName) : (body.email ?? "");
  await acquireGraphToken(token, actor.tenantId, [graphScope(identity.graphBaseUrl, GRAPH_PERMISSIONS.sendMail)], {
    correlationId,
  });

  const created = await createInvitation(actor, survey.id, { email }, { correlationId });
  const acceptUrl = acceptUrlFor(identity.appUrl, created.invitation.tenantId, created.token);
  const mail = invitationMail({
    to: created.invitation.email,
    inviterName: actor.name,
    surveyTitle: survey.title,
    acceptUrl,
    expiresAt: created.invitation.expiresAt,
  });
  try {
    await sendInvitationMail(token, actor.tenantId, mail, { correlationId });
  } catch (error) {
    await revokeInvitation(actor, survey.id, created.invitation.id, { correlationId }).catch((revokeError: unknown) =>
      log.error({ err: revokeError, invitationId: created.invitation.id }, "could not revoke an unsent invitation"),
    );
    throw error;
  }
  return { ...created, acceptUrl };
});

export const revokeInvitationRoute = serve(API.revokeInvitation, async ({ caller, params, correlationId }) => {
  await revokeInvitation(caller.actor, params.surveyId, params.invitationId, { correlationId });
  return undefined;
});

export const acceptInvitationRoute = serve(API.acceptInvitation, ({ caller, body, correlationId }) =>
  acceptInvitation(caller.actor, body, { correlationId }),
);

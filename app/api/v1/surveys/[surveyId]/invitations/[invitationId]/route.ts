// DELETE /api/v1/surveys/{surveyId}/invitations/{invitationId}, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const DELETE = api.revokeInvitation;

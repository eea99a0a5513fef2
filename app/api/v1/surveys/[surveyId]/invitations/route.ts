// GET, POST /api/v1/surveys/{surveyId}/invitations, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const GET = api.listInvitations;
export const POST = api.createInvitation;

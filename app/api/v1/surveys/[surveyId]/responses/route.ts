// GET /api/v1/surveys/{surveyId}/responses, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const GET = api.listResponses;

// POST /api/v1/surveys/{surveyId}/reopen, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const POST = api.reopenSurvey;

// GET, PATCH, DELETE /api/v1/surveys/{surveyId}, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const GET = api.getSurvey;
export const PATCH = api.updateSurvey;
export const DELETE = api.deleteSurvey;

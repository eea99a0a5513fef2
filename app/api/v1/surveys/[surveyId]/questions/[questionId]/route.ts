// PATCH, DELETE /api/v1/surveys/{surveyId}/questions/{questionId}, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const PATCH = api.updateQuestion;
export const DELETE = api.deleteQuestion;

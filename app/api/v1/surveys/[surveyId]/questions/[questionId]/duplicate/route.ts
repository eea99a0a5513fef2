// POST /api/v1/surveys/{surveyId}/questions/{questionId}/duplicate, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const POST = api.duplicateQuestion;

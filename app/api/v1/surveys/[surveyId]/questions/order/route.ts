// PUT /api/v1/surveys/{surveyId}/questions/order, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const PUT = api.reorderQuestions;

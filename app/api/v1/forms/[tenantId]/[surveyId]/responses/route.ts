// POST /api/v1/forms/{tenantId}/{surveyId}/responses, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const POST = api.submitResponse;

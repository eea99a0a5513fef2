// DELETE /api/v1/surveys/{surveyId}/contributors/{userTenantId}/{userId}, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const DELETE = api.removeContributor;

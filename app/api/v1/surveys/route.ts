// GET, POST /api/v1/surveys, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const GET = api.listSurveys;
export const POST = api.createSurvey;

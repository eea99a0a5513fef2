// POST /api/v1/invitations/accept, as declared in lib/api/contract/endpoints.ts.
import { ROUTE_HANDLERS as api } from "@/lib/api/handlers";

export const POST = api.acceptInvitation;

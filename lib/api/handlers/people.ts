// The contributor picker's directory search, on behalf of the caller (Graph /users).
import "server-only";
import { ForbiddenError } from "@/lib/errors";
import { searchPeople } from "@/lib/graph";
import { API } from "../contract/endpoints";
import { serve } from "../server/serve";

export const searchPeopleRoute = serve(API.searchPeople, async ({ caller, query, correlationId }) => {
  const { actor, token } = caller;
  // On-behalf-of needs a person's token; an application has no directory of "its" people here.
  if (actor.kind !== "user") throw new ForbiddenError("Applications cannot search the directory through Surveys.");
  return { items: await searchPeople(token, actor.tenantId, query.q, query.top, { correlationId }) };
});

// One person of the caller's directory by id, on behalf of the caller: the contributor picker
// sends the id of someone GET /people found, and the address to invite is read from the
// directory rather than taken from the request.
// (Belongs in lib/graph as a GraphService method; kept here, on lib/graph's own building blocks,
// until it moves there.)
import "server-only";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { requireIdentity } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { acquireGraphToken } from "@/lib/graph";
import { createGraphClient } from "@/lib/graph/graph-client";
import { translateGraphError } from "@/lib/graph/graph-errors";
import { GRAPH_PERMISSIONS, graphScope } from "@/lib/graph/graph-resource";
import { type DirectoryPersonDto, DirectoryPersonSchema } from "./contract/schemas";

export async function getDirectoryPerson(
  userToken: string,
  tenantId: string,
  personId: string,
  correlationId: string,
): Promise<DirectoryPersonDto> {
  const { graphBaseUrl } = requireIdentity();
  const scopes = [graphScope(graphBaseUrl, GRAPH_PERMISSIONS.searchPeople)];
  const token = await acquireGraphToken(userToken, tenantId, scopes, { correlationId });
  let body: unknown;
  try {
    body = await createGraphClient(token, { graphBaseUrl })
      .api(`/users/${encodeURIComponent(personId)}`)
      .select(["id", "displayName", "mail", "userPrincipalName"])
      .get();
  } catch (error) {
    if (error instanceof GraphError && error.statusCode === 404) throw new NotFoundError("person");
    throw translateGraphError(error, scopes);
  }
  return DirectoryPersonSchema.parse(body);
}

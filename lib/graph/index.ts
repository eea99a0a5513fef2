// Microsoft Graph for the Survey API (ARCHITECTURE 3.6), on the configured identity settings:
// one process-wide service. Tests build their own with createGraphService.
import "server-only";
import { requireIdentity } from "@/lib/env";
import { logger } from "@/lib/log";
import {
  createGraphService,
  type DirectoryPerson,
  type GraphCallOptions,
  type GraphCredential,
  type GraphService,
  type GraphStats,
  type InvitationMail,
  type Organization,
} from "./graph-service";

export { type ConsentFailure, ConsentRequiredError, GraphUnavailableError } from "./errors";
export type {
  DirectoryPerson,
  GraphCallOptions,
  GraphCredential,
  GraphService,
  GraphStats,
  InvitationMail,
  Organization,
};

const globalForGraph = globalThis as unknown as { surveysGraph?: GraphService };

function service(): GraphService {
  globalForGraph.surveysGraph ??= createGraphService({
    identity: requireIdentity(),
    log: logger().child({ component: "graph" }),
  });
  return globalForGraph.surveysGraph;
}

/**
 * People of the caller's directory whose name (or, for one word, mail) starts with the query's
 * words, for inviting contributors. `userToken` is the Survey API's incoming bearer token.
 */
export function searchPeople(
  userToken: string,
  tenantId: string,
  query: string,
  top?: number,
  options?: GraphCallOptions,
): Promise<DirectoryPerson[]> {
  return service().searchPeople(userToken, tenantId, query, top, options);
}

/** Sends from the inviter's own mailbox (/me/sendMail). */
export function sendInvitationMail(
  userToken: string,
  tenantId: string,
  mail: InvitationMail,
  options?: GraphCallOptions,
): Promise<void> {
  return service().sendInvitationMail(userToken, tenantId, mail, options);
}

/** The organization of the token's tenant: a Graph access token as is, or on behalf of an API caller. */
export function getOrganization(credential: GraphCredential, options?: GraphCallOptions): Promise<Organization> {
  return service().getOrganization(credential, options);
}

export function acquireGraphToken(
  userToken: string,
  tenantId: string,
  scopes: readonly string[],
  options?: GraphCallOptions,
): Promise<string> {
  return service().acquireGraphToken(userToken, tenantId, scopes, options);
}

export function graphStats(): GraphStats {
  return service().stats();
}

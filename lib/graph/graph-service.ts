// What the Survey API asks of Microsoft Graph, on behalf of the signed-in user: find people of
// their directory, send an invitation from their mailbox; and the organization's name at
// sign-up (with a Graph token the web app already holds).
import "server-only";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Logger } from "pino";
import type { IdentityConfig } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { IdpHttpClient, type IdpTraffic } from "@/lib/tokens/idp-http";
import { z } from "@/lib/zod";
import { createGraphClient } from "./graph-client";
import { translateGraphError } from "./graph-errors";
import { GRAPH_PERMISSIONS, graphScope } from "./graph-resource";
import { OnBehalfOf } from "./obo";
import { peopleSearchExpression, searchWords } from "./people-search";

export interface DirectoryPerson {
  id: string;
  displayName: string | null;
  mail: string | null;
  userPrincipalName: string;
}

export interface Organization {
  id: string;
  displayName: string;
}

export interface InvitationMail {
  to: string | readonly string[];
  subject: string;
  /** One of the two: HTML wins when both are given. */
  html?: string;
  text?: string;
}

/** A Graph token as is, or the Survey API's caller token to exchange on behalf of the user. */
export type GraphCredential = string | { userToken: string; tenantId: string };

export interface GraphCallOptions {
  correlationId?: string;
}

export interface GraphStats {
  obo: { cache: number; network: number; failures: number };
  assertionsInMemory: number;
  graphRequests: number;
  idp: IdpTraffic;
}

export interface GraphService {
  searchPeople(
    userToken: string,
    tenantId: string,
    query: string,
    top?: number,
    options?: GraphCallOptions,
  ): Promise<DirectoryPerson[]>;
  sendInvitationMail(
    userToken: string,
    tenantId: string,
    mail: InvitationMail,
    options?: GraphCallOptions,
  ): Promise<void>;
  getOrganization(credential: GraphCredential, options?: GraphCallOptions): Promise<Organization>;
  /** The OBO exchange alone, for Graph calls not wrapped here. */
  acquireGraphToken(
    userToken: string,
    tenantId: string,
    scopes: readonly string[],
    options?: GraphCallOptions,
  ): Promise<string>;
  stats(): GraphStats;
}

export interface GraphServiceOptions {
  identity: Pick<IdentityConfig, "instance" | "knownAuthority" | "api" | "graphBaseUrl">;
  log: Logger;
  maxAssertions?: number;
  graphTimeoutMs?: number;
}

const userList = z.object({
  value: z.array(
    z.object({
      id: z.string(),
      displayName: z.string().nullable(),
      mail: z.string().nullable(),
      userPrincipalName: z.string(),
    }),
  ),
});

const organizationList = z.object({ value: z.array(z.object({ id: z.string(), displayName: z.string() })) });

const address = z.string().trim().pipe(z.email());

export const MAX_PEOPLE_RESULTS = 50;

export function createGraphService(options: GraphServiceOptions): GraphService {
  const { identity, log } = options;
  const http = new IdpHttpClient({ log });
  const obo = new OnBehalfOf({
    identity,
    http,
    log,
    ...(options.maxAssertions ? { maxAssertions: options.maxAssertions } : {}),
  });
  const scope = (permission: string) => graphScope(identity.graphBaseUrl, permission);
  let graphRequests = 0;

  async function call<T>(
    accessToken: string,
    scopes: readonly string[],
    request: (client: Client) => Promise<T>,
  ): Promise<T> {
    graphRequests += 1;
    try {
      return await request(
        createGraphClient(accessToken, {
          graphBaseUrl: identity.graphBaseUrl,
          ...(options.graphTimeoutMs ? { timeoutMs: options.graphTimeoutMs } : {}),
        }),
      );
    } catch (error) {
      throw translateGraphError(error, scopes);
    }
  }

  async function onBehalfOf(userToken: string, tenantId: string, scopes: string[], callOptions: GraphCallOptions) {
    return (await obo.acquire(userToken, tenantId, scopes, callOptions.correlationId)).accessToken;
  }

  return {
    async searchPeople(userToken, tenantId, query, top = 10, callOptions = {}) {
      const words = searchWords(query);
      if (words.length === 0) return [];
      if (!Number.isInteger(top) || top < 1 || top > MAX_PEOPLE_RESULTS) {
        throw new ValidationError(`Ask for 1 to ${MAX_PEOPLE_RESULTS} people.`, { top: ["out of range"] });
      }
      const scopes = [scope(GRAPH_PERMISSIONS.searchPeople)];
      const token = await onBehalfOf(userToken, tenantId, scopes, callOptions);
      const body: unknown = await call(token, scopes, (client) =>
        client
          .api("/users")
          // $search is an advanced query: Graph refuses it without this header (§8.3).
          .header("ConsistencyLevel", "eventual")
          // The client puts query values into the URL as they are, so a `#`, `&` or `%` typed
          // in the picker would cut the query short or garble it: send the expression encoded.
          .search(encodeURIComponent(peopleSearchExpression(words)))
          .select(["id", "displayName", "mail", "userPrincipalName"])
          .top(top)
          .get(),
      );
      return userList.parse(body).value;
    },

    async sendInvitationMail(userToken, tenantId, mail, callOptions = {}) {
      const recipients: string[] = [];
      for (const to of typeof mail.to === "string" ? [mail.to] : mail.to) {
        const parsed = address.safeParse(to);
        if (!parsed.success) throw new ValidationError("That is not a valid e-mail address.", { to: ["invalid"] });
        recipients.push(parsed.data);
      }
      if (recipients.length === 0) throw new ValidationError("Give at least one e-mail address.", { to: ["missing"] });
      const content = mail.html ?? mail.text;
      if (content === undefined) throw new ValidationError("The invitation needs a body.", { body: ["missing"] });
      const scopes = [scope(GRAPH_PERMISSIONS.sendMail)];
      const token = await onBehalfOf(userToken, tenantId, scopes, callOptions);
      await call(token, scopes, (client) =>
        // From the inviter's own mailbox; Graph answers 202 with no body (§8.4).
        client.api("/me/sendMail").post({
          message: {
            subject: mail.subject,
            body: { contentType: mail.html !== undefined ? "HTML" : "Text", content },
            toRecipients: recipients.map((to) => ({ emailAddress: { address: to } })),
          },
        }),
      );
    },

    async getOrganization(credential, callOptions = {}) {
      const scopes = [scope(GRAPH_PERMISSIONS.organization)];
      const token =
        typeof credential === "string"
          ? credential
          : await onBehalfOf(credential.userToken, credential.tenantId, scopes, callOptions);
      const body: unknown = await call(token, scopes, (client) => client.api("/organization").get());
      const organization = organizationList.parse(body).value[0];
      if (!organization) throw new Error("Graph returned no organization for the token's tenant");
      return { id: organization.id, displayName: organization.displayName };
    },

    acquireGraphToken(userToken, tenantId, scopes, callOptions = {}) {
      return onBehalfOf(userToken, tenantId, [...scopes], callOptions);
    },

    stats() {
      return {
        obo: { ...obo.acquisitions },
        assertionsInMemory: obo.assertionsInMemory,
        graphRequests,
        idp: { ...http.traffic, tokenRequests: { ...http.traffic.tokenRequests } },
      };
    },
  };
}

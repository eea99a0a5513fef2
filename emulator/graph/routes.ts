import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context";
import type { Tenant, TenantUser } from "../directory/model";
import { pairwiseSub } from "../protocol/claims";
import { type RequestContext, type Router, sendEmpty } from "../support/http";
import { isGuid } from "../support/ids";
import { authenticateGraphCaller, type GraphCaller, requireDelegatedUser, requirePermission } from "./graph-auth";
import { GraphError, graphHeaders, sendGraph, sendGraphError } from "./graph-errors";
import { parseFilter, parseSearch, parseSelect, parseTop, shapeUser, sortUsers } from "./users";

const READ_USERS_DELEGATED = ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];
const READ_USERS_APP = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];
const FULL_PROFILE = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All"];

function notFound(id: string): GraphError {
  return new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** Only the full-profile permissions read everything; User.ReadBasic.All reads the basics. */
function basicOnly(caller: GraphCaller, target: TenantUser): boolean {
  if (!caller.user) return false;
  if (caller.user.oid === target.oid && (caller.scopes.has("user.read") || caller.scopes.has("user.readwrite")))
    return false;
  return !FULL_PROFILE.some((p) => caller.scopes.has(p.toLowerCase()));
}

function findUser(tenant: Tenant, idOrUpn: string): TenantUser {
  const byId = isGuid(idOrUpn) ? tenant.users.get(idOrUpn.toLowerCase()) : undefined;
  if (byId) return byId;
  for (const user of tenant.users.values()) {
    if (user.userPrincipalName.toLowerCase() === idOrUpn.toLowerCase()) return user;
  }
  throw notFound(idOrUpn);
}

function context(ectx: EmulatorContext, entitySet: string, select: string[] | undefined, entity: boolean): string {
  return `${ectx.url}/v1.0/$metadata#${entitySet}${select ? `(${select.join(",")})` : ""}${entity ? "/$entity" : ""}`;
}

function getUser(ectx: EmulatorContext, http: RequestContext, caller: GraphCaller, user: TenantUser): void {
  const select = parseSelect(http.query.get("$select"));
  sendGraph(http, 200, {
    "@odata.context": context(ectx, "users", select, true),
    ...shapeUser(user, select, basicOnly(caller, user)),
  });
}

function listUsers(ectx: EmulatorContext, http: RequestContext, caller: GraphCaller): void {
  requirePermission(caller, READ_USERS_DELEGATED, READ_USERS_APP);
  if (caller.user?.userType === "Guest") {
    throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  const q = http.query;
  const eventual = String(http.req.headers.consistencylevel ?? "").toLowerCase() === "eventual";
  const select = parseSelect(q.get("$select"));
  const top = parseTop(q.get("$top"));
  let users = [...caller.tenant.users.values()];
  const filter = q.get("$filter");
  if (filter) users = users.filter(parseFilter(filter, eventual));
  const search = q.get("$search");
  if (search) {
    if (!eventual) {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    }
    users = users.filter(parseSearch(search));
  }
  users = sortUsers(users, q.get("$orderby"));
  const count = q.get("$count") === "true";
  if (count && !eventual) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      "$count is not currently supported without the ConsistencyLevel: eventual header.",
    );
  }
  // Paging uses an opaque $skiptoken; $skip itself is not supported on users (§8.3).
  if (q.has("$skip")) throw new GraphError(400, "Request_BadRequest", "'$skip' is not supported by the service.");
  const skipToken = q.get("$skiptoken");
  const offset = skipToken ? Number(Buffer.from(skipToken, "base64url").toString()) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new GraphError(400, "Request_BadRequest", "Invalid $skiptoken.");
  const page = users.slice(offset, offset + top);
  const body: Record<string, unknown> = { "@odata.context": context(ectx, "users", select, false) };
  if (count) body["@odata.count"] = users.length;
  if (offset + top < users.length) {
    const next = new URL(http.url.toString());
    next.searchParams.set("$skiptoken", Buffer.from(String(offset + top)).toString("base64url"));
    body["@odata.nextLink"] = next.toString();
  }
  body.value = page.map((u) => shapeUser(u, select, basicOnly(caller, u)));
  sendGraph(http, 200, body);
}

function organization(tenant: Tenant, limited: boolean): Record<string, unknown> {
  const initial = tenant.domains.find((d) => d.endsWith(".onmicrosoft.com")) ?? tenant.domains[0];
  const defaultDomain = tenant.domains.find((d) => d !== initial) ?? initial;
  const full = (value: unknown) => (limited ? null : value);
  return {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: limited ? [] : ["425-555-0100"],
    city: full("Redmond"),
    country: full(null),
    countryLetterCode: full(tenant.region === "EU" ? "NL" : "US"),
    createdDateTime: full(tenant.createdDateTime),
    displayName: tenant.displayName,
    postalCode: full(null),
    preferredLanguage: full("en"),
    state: full(null),
    street: full(null),
    tenantType: full("AAD"),
    verifiedDomains: tenant.domains.map((name) => ({
      capabilities: "Email, OfficeCommunicationsOnline",
      isDefault: name === defaultDomain,
      isInitial: name === initial,
      name,
      type: "Managed",
    })),
  };
}

function getOrganization(
  ectx: EmulatorContext,
  http: RequestContext,
  caller: GraphCaller,
  id: string | undefined,
): void {
  requirePermission(
    caller,
    ["User.Read", "Organization.Read.All", "Directory.Read.All"],
    ["Organization.Read.All", "Directory.Read.All"],
  );
  if (caller.tenant.kind === "consumers") {
    throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  // With only User.Read, Graph fills id, displayName and verifiedDomains (§8.2).
  const limited = !!caller.user && !["organization.read.all", "directory.read.all"].some((p) => caller.scopes.has(p));
  const org = organization(caller.tenant, limited);
  if (id === undefined) {
    sendGraph(http, 200, { "@odata.context": context(ectx, "organization", undefined, false), value: [org] });
  } else if (id.toLowerCase() === caller.tenant.id) {
    sendGraph(http, 200, { "@odata.context": context(ectx, "organization", undefined, true), ...org });
  } else {
    throw notFound(id);
  }
}

interface Recipient {
  emailAddress?: { address?: unknown; name?: unknown };
}

function addresses(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return (list as Recipient[])
    .map((r) => r?.emailAddress?.address)
    .filter((a): a is string => typeof a === "string" && a.includes("@"));
}

async function sendMail(ectx: EmulatorContext, http: RequestContext, sender: TenantUser): Promise<void> {
  const raw = (await http.readBody()).toString("utf8");
  if (!raw.trim()) throw new GraphError(400, "BadRequest", "Empty Payload. JSON content expected.");
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    throw new GraphError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    );
  }
  const message = (payload as { message?: unknown } | null)?.message;
  if (typeof message !== "object" || message === null) {
    throw new GraphError(400, "ErrorInvalidParameter", "The value of the parameter 'Message' is empty.");
  }
  const m = message as Record<string, unknown>;
  const to = addresses(m.toRecipients);
  const cc = addresses(m.ccRecipients);
  const bcc = addresses(m.bccRecipients);
  if (to.length + cc.length + bcc.length === 0) {
    throw new GraphError(400, "ErrorInvalidRecipients", "At least one recipient is required, but none were found.");
  }
  const body = (m.body ?? {}) as { contentType?: unknown; content?: unknown };
  const save = (payload as { saveToSentItems?: unknown }).saveToSentItems;
  ectx.directory.recordMail({
    id: randomUUID(),
    tenantId: sender.tenantId,
    from: { oid: sender.oid, address: sender.mail ?? sender.userPrincipalName, displayName: sender.displayName },
    subject: typeof m.subject === "string" ? m.subject : "",
    toRecipients: to,
    ccRecipients: cc,
    bccRecipients: bcc,
    body: {
      contentType: typeof body.contentType === "string" ? body.contentType : "Text",
      content: typeof body.content === "string" ? body.content : "",
    },
    saveToSentItems: save !== false && save !== "false",
    sentDateTime: ectx.clock.now().toISOString(),
    message,
  });
  // Graph accepts mail with 202 and an empty body (§8.4).
  sendEmpty(http, 202, graphHeaders(http));
}

function photoNotFound(): GraphError {
  return new GraphError(
    404,
    "ImageNotFound",
    "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.",
  );
}

async function dispatch(ectx: EmulatorContext, http: RequestContext): Promise<void> {
  const segments = (http.params["*"] ?? "").split("/").filter(Boolean);
  const [collection, id, action] = segments;
  const method = http.method;
  const caller = authenticateGraphCaller(ectx, http);

  if (collection?.toLowerCase() === "me") {
    const me = requireDelegatedUser(caller);
    if (id === undefined && method === "GET") {
      requirePermission(caller, ["User.Read", "User.ReadWrite", ...READ_USERS_DELEGATED], []);
      return getUser(ectx, http, caller, me);
    }
    if (id?.toLowerCase() === "sendmail" && method === "POST") {
      requirePermission(caller, ["Mail.Send"], []);
      return sendMail(ectx, http, me);
    }
    if ((id?.toLowerCase() === "photo" || id?.toLowerCase() === "photos") && method === "GET") throw photoNotFound();
  }
  if (collection?.toLowerCase() === "users") {
    if (id === undefined && method === "GET") return listUsers(ectx, http, caller);
    if (id !== undefined) {
      const user = findUser(caller.tenant, id);
      if (action === undefined && method === "GET") {
        if (caller.user?.oid !== user.oid) requirePermission(caller, READ_USERS_DELEGATED, READ_USERS_APP);
        return getUser(ectx, http, caller, user);
      }
      if (action?.toLowerCase() === "sendmail" && method === "POST") {
        if (caller.user?.oid !== user.oid) requirePermission(caller, [], ["Mail.Send"]);
        else requirePermission(caller, ["Mail.Send"], []);
        return sendMail(ectx, http, user);
      }
      if ((action?.toLowerCase() === "photo" || action?.toLowerCase() === "photos") && method === "GET")
        throw photoNotFound();
    }
  }
  if (collection?.toLowerCase() === "organization" && method === "GET" && segments.length <= 2) {
    return getOrganization(ectx, http, caller, id);
  }
  throw new GraphError(400, "BadRequest", `Resource not found for the segment '${segments.at(-1) ?? ""}'.`);
}

/** The discovery document's userinfo_endpoint (§8.1), with the ID token's pairwise sub. */
function userinfo(ectx: EmulatorContext, http: RequestContext): void {
  const caller = authenticateGraphCaller(ectx, http);
  const user = requireDelegatedUser(caller);
  requirePermission(caller, ["openid"], []);
  const body: Record<string, unknown> = {
    sub: pairwiseSub(ectx, caller.tenant.id, user.oid, caller.clientAppId),
    name: user.displayName,
    family_name: user.surname,
    given_name: user.givenName,
    picture: `${ectx.url}/v1.0/me/photo/$value`,
  };
  if (caller.scopes.has("email") && user.mail) body.email = user.mail;
  sendGraph(http, 200, body);
}

export function registerGraphRoutes(router: Router, ectx: EmulatorContext): void {
  const onError = (http: RequestContext, error: unknown) => {
    if (http.res.headersSent) return http.res.destroy();
    if (error instanceof GraphError) return sendGraphError(http, error, ectx.clock.now());
    ectx.log.error({ err: error, path: http.url.pathname }, "graph request failed");
    sendGraphError(http, new GraphError(500, "generalException", "An unexpected error occurred."), ectx.clock.now());
  };
  router.add(["GET", "POST", "PATCH", "PUT", "DELETE"], "/v1.0/*", (http) => dispatch(ectx, http), onError);
  router.add(["GET", "POST"], "/oidc/userinfo", (http) => userinfo(ectx, http), onError);
}

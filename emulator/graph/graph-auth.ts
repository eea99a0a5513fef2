import { type EmulatorContext, issuerV1, issuerV2 } from "../context";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../directory/graph-resource";
import type { Tenant, TenantUser } from "../directory/model";
import { verifyJwtSignature } from "../protocol/jwt";
import type { RequestContext } from "../support/http";
import { GraphError } from "./graph-errors";

export interface GraphCaller {
  tenant: Tenant;
  /** The signed-in user for delegated tokens; undefined for app-only tokens. */
  user: TenantUser | undefined;
  clientAppId: string;
  scopes: Set<string>;
  roles: Set<string>;
  claims: Record<string, unknown>;
}

const GRAPH_AUDIENCES = new Set([GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID]);

function invalid(message: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", message);
}

/** Validates the bearer token as Graph does: our signature, Graph audience, lifetime. */
export function authenticateGraphCaller(ectx: EmulatorContext, http: RequestContext): GraphCaller {
  const header = http.req.headers.authorization ?? "";
  const token = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
  if (!token) throw invalid("Access token is empty.");
  const verified = verifyJwtSignature(token, [ectx.pki.orgKey, ectx.pki.msaKey]);
  if (verified === "malformed") throw invalid("IDX14100: JWT is not well formed, there are no dots (.).");
  if (typeof verified === "string") throw invalid("Access token validation failure.");
  const claims = verified.claims;
  if (typeof claims.aud !== "string" || !GRAPH_AUDIENCES.has(claims.aud)) {
    throw invalid("Access token validation failure. Invalid audience.");
  }
  const tid = typeof claims.tid === "string" ? claims.tid : "";
  if (claims.iss !== issuerV1(ectx, tid) && claims.iss !== issuerV2(ectx, tid)) {
    throw invalid("Access token validation failure. Invalid issuer.");
  }
  const now = ectx.clock.nowSeconds();
  if (
    typeof claims.exp !== "number" ||
    claims.exp < now ||
    (typeof claims.nbf === "number" && claims.nbf > now + 300)
  ) {
    throw invalid("Access token has expired or is not yet valid.");
  }
  const tenant = ectx.directory.tenant(tid);
  if (!tenant) throw invalid("Access token validation failure.");
  const scopes = new Set(typeof claims.scp === "string" ? claims.scp.split(" ").map((s) => s.toLowerCase()) : []);
  const roles = new Set(Array.isArray(claims.roles) ? claims.roles.map((r) => String(r).toLowerCase()) : []);
  const isApp = claims.idtyp === "app" || typeof claims.scp !== "string";
  const user = !isApp && typeof claims.oid === "string" ? tenant.users.get(claims.oid) : undefined;
  if (!isApp && !user) throw invalid("Access token validation failure.");
  const clientAppId = String(claims.appid ?? claims.azp ?? "");
  return { tenant, user, clientAppId, scopes, roles, claims };
}

/** Delegated: any of `delegated` in scp. App-only: any of `application` in roles. 403 otherwise. */
export function requirePermission(caller: GraphCaller, delegated: string[], application: string[]): void {
  const granted = caller.user
    ? delegated.some((p) => caller.scopes.has(p.toLowerCase()))
    : application.some((p) => caller.roles.has(p.toLowerCase()));
  if (!granted)
    throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
}

export function requireDelegatedUser(caller: GraphCaller): TenantUser {
  if (!caller.user)
    throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  return caller.user;
}

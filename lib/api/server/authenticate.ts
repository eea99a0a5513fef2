// Bearer authentication of the Survey API (ARCHITECTURE 3.5): the token is verified by the same
// rules as sign-in (lib/auth/issuer-validation: signature by the tenant's keys, issuer template,
// tid, exp/nbf; fails closed) with the API as audience, the tenant must be registered and active,
// and the token must grant the API: `scp` with Surveys.ReadWrite for people, the
// Surveys.ReadWrite.All role for applications. Tenant and user come from the token alone.
import "server-only";
import type { Logger } from "pino";
import { type Actor, appRolesFrom } from "@/lib/auth/actor";
import {
  admitTenant,
  TenantRefusedError,
  TokenRejectedError,
  type VerifiedToken,
  verifyEntraToken,
} from "@/lib/auth/issuer-validation";
import { requireIdentity } from "@/lib/env";
import { UnavailableError } from "@/lib/errors";
import { APP_PERMISSION } from "@/lib/surveys/permissions";
import { upsertUser } from "@/lib/users/mutations";
import { AuthenticationError, InsufficientScopeError } from "./errors";

export interface Caller {
  actor: Actor;
  /** The incoming access token, for on-behalf-of calls to Microsoft Graph. Never logged. */
  token: string;
}

const BEARER = /^Bearer +([A-Za-z0-9\-_.~+/]+=*)$/;

/** The bearer token of the request, null when there is no Authorization header at all. */
export function bearerTokenOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (header === null) return null;
  const match = BEARER.exec(header.trim());
  if (!match?.[1]) throw new AuthenticationError("malformed_token");
  return match[1];
}

async function verify(token: string, log: Logger): Promise<VerifiedToken> {
  const { api } = requireIdentity();
  try {
    return await verifyEntraToken(token, { audience: [api.clientId, api.appIdUri] });
  } catch (error) {
    if (error instanceof TokenRejectedError) {
      log.info({ rejection: error.reason }, "bearer token rejected");
      throw new AuthenticationError(error.reason === "expired" ? "expired" : "invalid_token");
    }
    // Keys could not be fetched and the like: not the token's fault, and nothing is admitted.
    log.error({ err: error }, "bearer token could not be verified");
    throw new UnavailableError("The sign-in service is not reachable right now. Try again in a moment.");
  }
}

async function admit(tenantId: string, log: Logger): Promise<void> {
  try {
    await admitTenant(tenantId);
  } catch (error) {
    if (!(error instanceof TenantRefusedError)) throw error;
    log.info({ refusal: error.reason, tenantId }, "bearer token of a refused tenant");
    throw new AuthenticationError(error.reason);
  }
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** The scope value the API requires in `scp`: the last segment of the configured scope. */
function requiredScope(): string {
  return requireIdentity().api.scope.split("/").at(-1) ?? "";
}

/**
 * App-only tokens carry no `scp`; Entra marks them with idtyp=app (optional claim) and their
 * `sub` is the service principal's object id, like `oid`. A token with neither is not trusted
 * as an application's.
 */
function isAppOnly(verified: VerifiedToken): boolean {
  const { claims } = verified;
  if (claims.scp !== undefined) return false;
  return claims.idtyp === "app" || text(claims.sub)?.toLowerCase() === verified.oid;
}

async function delegatedActor(verified: VerifiedToken): Promise<Actor> {
  const { claims, tenantId, oid } = verified;
  const scope = requiredScope();
  const scopes = typeof claims.scp === "string" ? claims.scp.split(" ") : [];
  if (!scopes.includes(scope)) throw new InsufficientScopeError("missing_scope", requireIdentity().api.scope);
  const roles = appRolesFrom(claims.roles);
  const name = text(claims.name) ?? text(claims.preferred_username) ?? "Unnamed user";
  const email = (text(claims.email) ?? text(claims.preferred_username) ?? text(claims.upn))?.toLowerCase() ?? null;
  // People who never signed in to the web app still get their row (Tailspin's API crashed for them).
  const user = await upsertUser(tenantId, { oid, name, email, roles });
  return { kind: "user", tenantId, userId: user.id, oid, roles, name: user.name, email: user.email };
}

function appActor(verified: VerifiedToken): Actor {
  const { claims, tenantId } = verified;
  const permissions = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === "string") : [];
  if (!permissions.includes(APP_PERMISSION)) throw new InsufficientScopeError("missing_role", APP_PERMISSION);
  return { kind: "app", tenantId, appId: text(claims.azp) ?? text(claims.appid) ?? verified.oid, permissions };
}

/** The caller of a request, or null when it sent no token. Throws AuthenticationError / InsufficientScopeError. */
export async function authenticate(request: Request, log: Logger): Promise<Caller | null> {
  const token = bearerTokenOf(request);
  if (token === null) return null;
  const verified = await verify(token, log);
  await admit(verified.tenantId, log);
  const actor = isAppOnly(verified) ? appActor(verified) : await delegatedActor(verified);
  return { actor, token };
}

import { randomBytes, randomInt } from "node:crypto";
import { type EmulatorContext, issuerV2 } from "../context";
import { GRAPH_APP_ID } from "../directory/graph-resource";
import { type Application, CONSUMERS_TENANT_ID, type Tenant, type TenantUser } from "../directory/model";
import type { SigningKey } from "../pki/signing-key";
import { accessTokenClaims, clientInfo, idTokenClaims, type TimeClaims } from "./claims";
import { tamperedIdToken } from "./id-token-tampering";
import { signJwt } from "./jwt";
import { sealRefreshToken } from "./refresh-tokens";
import { OIDC_SCOPES, type ParsedScopes, type ResourceScopes, renderScope } from "./scopes";

/** Member order as Entra sends them (§5.1). */
export interface TokenResponse {
  token_type: "Bearer";
  scope?: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

function signingKey(ctx: EmulatorContext, tenantId: string): SigningKey {
  return tenantId === CONSUMERS_TENANT_ID ? ctx.pki.msaKey : ctx.pki.orgKey;
}

function lifetime(ctx: EmulatorContext): number {
  // Entra picks 60–90 minutes at random so that a fleet of clients does not refresh in step.
  return ctx.lifetimes.accessTokenSeconds ?? 3600 + randomInt(0, 1801);
}

function times(ctx: EmulatorContext, seconds: number): TimeClaims {
  const now = ctx.clock.nowSeconds();
  return { iat: now, nbf: now, exp: now + seconds };
}

function signAccessToken(
  ctx: EmulatorContext,
  resource: Application,
  tenantId: string,
  claims: Record<string, unknown>,
): string {
  return signJwt(claims, signingKey(ctx, tenantId), {
    withX5t: resource.accessTokenVersion === 1,
    ...(resource.appId === GRAPH_APP_ID ? { graphNonce: randomBytes(32).toString("base64url") } : {}),
  });
}

function audienceAlias(entry: ResourceScopes): string {
  // A v1 token's aud is the identifier the request used; Graph short names mean Graph's appId.
  return entry.prefix || entry.resource.appId;
}

export interface UserTokenInput {
  client: Application;
  tenant: Tenant;
  user: TenantUser;
  parsed: ParsedScopes;
  /** The resource the access token is for (the first one of the request), OIDC-only → Graph. */
  target: ResourceScopes;
  nonce: string | undefined;
  sid: string;
  authTime: number;
  clientAuth: "0" | "1" | "2";
  clientInfo: boolean;
  /** The grant's original scope, remembered by the refresh token. */
  grantScope: string;
  /** Set for on-behalf-of: an ID token is never returned there. */
  withIdToken?: boolean;
}

/** Access token (+ ID token, refresh token, client_info) for a signed-in user. */
export function issueUserTokens(ctx: EmulatorContext, input: UserTokenInput): TokenResponse {
  const { client, tenant, user, parsed, target } = input;
  const resource = target.resource;
  // Entra puts every delegated scope the user has granted this client on the resource in scp,
  // not only the requested ones; OIDC scopes are Graph scopes (offline_access excepted).
  const granted = ctx.directory.grantedScopes(tenant.id, client.appId, resource.appId, user.oid);
  const canonical = resource.scopes
    .map((s) => s.value)
    .filter((v) => granted.has(v.toLowerCase()) && v !== "offline_access");
  const scp = [...new Set([...target.values, ...canonical])];
  const seconds = lifetime(ctx);
  const accessToken = signAccessToken(
    ctx,
    resource,
    tenant.id,
    accessTokenClaims(ctx, {
      client,
      resource,
      audienceAlias: audienceAlias(target),
      tenant,
      user,
      scp,
      roles: ctx.directory.assignedRoles(tenant.id, user.oid, resource.appId),
      sid: input.sid,
      clientAuth: input.clientAuth,
      servicePrincipalId: undefined,
      time: times(ctx, seconds),
    }),
  );

  // The response names scopes the way the request did (short Graph names, full URIs).
  const scopeParts = new Set<string>([...parsed.oidc].filter((s) => s !== "offline_access"));
  for (const value of scp) scopeParts.add(OIDC_SCOPES.includes(value as never) ? value : renderScope(target, value));
  if (target.isDefault) scopeParts.add(renderScope(target, ".default"));
  const response: TokenResponse = {
    token_type: "Bearer",
    scope: [...scopeParts].join(" "),
    expires_in: seconds,
    ext_expires_in: seconds,
    access_token: accessToken,
  };
  if (parsed.oidc.has("offline_access")) {
    response.refresh_token = sealRefreshToken(ctx.pki.refreshTokenKey, {
      v: 1,
      cid: client.appId,
      tid: tenant.id,
      oid: user.oid,
      scope: input.grantScope,
      iat: ctx.clock.nowSeconds(),
      sid: input.sid,
      auth_time: input.authTime,
    });
  }
  if (parsed.oidc.has("openid") && input.withIdToken !== false) {
    const claims = idTokenClaims(ctx, {
      client,
      tenant,
      user,
      scopes: new Set(parsed.oidc),
      nonce: input.nonce,
      sid: input.sid,
      roles: ctx.directory.assignedRoles(tenant.id, user.oid, client.appId),
      time: times(ctx, ctx.lifetimes.idTokenSeconds),
    });
    const key = signingKey(ctx, tenant.id);
    const tamper = ctx.testMode ? ctx.idTokenTampering.take() : undefined;
    response.id_token = tamper
      ? tamperedIdToken(tamper, claims, key, (tid) => issuerV2(ctx, tid))
      : signJwt(claims, key);
  }
  if (input.clientInfo) response.client_info = clientInfo(user);
  return response;
}

/** An app-only token (client credentials): roles = application permissions granted in the tenant. */
export function issueAppToken(
  ctx: EmulatorContext,
  input: {
    client: Application;
    tenant: Tenant;
    target: ResourceScopes;
    servicePrincipalId: string;
    clientAuth: "1" | "2";
  },
): TokenResponse {
  const seconds = lifetime(ctx);
  const claims = accessTokenClaims(ctx, {
    client: input.client,
    resource: input.target.resource,
    audienceAlias: audienceAlias(input.target),
    tenant: input.tenant,
    user: null,
    scp: [],
    roles: ctx.directory.assignedRoles(input.tenant.id, input.servicePrincipalId, input.target.resource.appId),
    sid: undefined,
    clientAuth: input.clientAuth,
    servicePrincipalId: input.servicePrincipalId,
    time: times(ctx, seconds),
  });
  return {
    token_type: "Bearer",
    expires_in: seconds,
    ext_expires_in: seconds,
    access_token: signAccessToken(ctx, input.target.resource, input.tenant.id, claims),
  };
}

/** The resource an access token is for: the request's first, or Graph for OIDC-only requests. */
export function tokenTarget(ctx: EmulatorContext, parsed: ParsedScopes): ResourceScopes {
  const first = parsed.resources[0];
  if (first) return first;
  const graph = ctx.directory.application(GRAPH_APP_ID);
  if (!graph) throw new Error("Microsoft Graph is missing from the directory");
  return { resource: graph, prefix: "", values: [], isDefault: false };
}

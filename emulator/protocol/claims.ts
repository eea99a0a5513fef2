import { createHmac, randomBytes } from "node:crypto";
import { type EmulatorContext, issuerV1, issuerV2 } from "../context";
import { type Application, CONSUMERS_TENANT_ID, type Tenant, type TenantUser } from "../directory/model";
import { newUti } from "../support/ids";
import type { JwtClaims } from "./jwt";

/** Role template ids Entra puts in `wids`: every member, plus Global Administrator for admins. */
const DEFAULT_USER_ROLE = "b79fbf4d-3ef9-4689-8143-76b194e85509";
const GLOBAL_ADMIN_ROLE = "62e90394-69f5-4237-9190-012177145e10";

export interface TimeClaims {
  iat: number;
  nbf: number;
  exp: number;
}

/** Pairwise `sub`: stable per (tenant, user, app), 43 base64url characters like Entra's. */
export function pairwiseSub(ctx: EmulatorContext, tenantId: string, oid: string, appId: string): string {
  return createHmac("sha256", ctx.pki.pairwiseSecret)
    .update(`${tenantId}|${oid}|${appId.toLowerCase()}`)
    .digest("base64url");
}

/** Opaque values Entra puts in every token (`aio`, `rh`); clients must not interpret them. */
function opaque(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

export function isPersonalAccount(user: TenantUser): boolean {
  return user.home.tenantId === CONSUMERS_TENANT_ID;
}

/** `idp` is present only when the user authenticated somewhere other than the token's tenant. */
function identityProvider(ctx: EmulatorContext, user: TenantUser): string | undefined {
  if (user.userType !== "Guest") return undefined;
  return isPersonalAccount(user) ? "live.com" : issuerV1(ctx, user.home.tenantId);
}

export function clientInfo(user: TenantUser): string {
  // uid/utid name the home account, which is what msal keys its cache on (oid.tid).
  return Buffer.from(JSON.stringify({ uid: user.home.oid, utid: user.home.tenantId })).toString("base64url");
}

export interface IdTokenInput {
  client: Application;
  tenant: Tenant;
  user: TenantUser;
  scopes: Set<string>;
  nonce: string | undefined;
  sid: string;
  roles: string[];
  time: TimeClaims;
}

/** A v2 ID token (§2.2): "claims are present only if a value exists to fill it". */
export function idTokenClaims(ctx: EmulatorContext, input: IdTokenInput): JwtClaims {
  const { user, tenant, client, time } = input;
  const profile = input.scopes.has("profile");
  const idp = identityProvider(ctx, user);
  const email = input.scopes.has("email") || user.userType === "Guest" ? user.mail : null;
  const claims: JwtClaims = {
    aud: client.appId,
    iss: issuerV2(ctx, tenant.id),
    iat: time.iat,
    nbf: time.nbf,
    exp: time.exp,
  };
  if (idp) claims.idp = idp;
  if (email) claims.email = email;
  if (profile) claims.name = user.displayName;
  // Never a nonce claim the client did not send: openid-client rejects it (§10.1).
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  if (profile) {
    claims.oid = user.oid;
    claims.preferred_username = isPersonalAccount(user)
      ? (user.mail ?? user.userPrincipalName)
      : user.userPrincipalName;
  }
  claims.rh = opaque("0.A", 42);
  if (input.roles.length > 0) claims.roles = input.roles;
  claims.sid = input.sid;
  claims.sub = pairwiseSub(ctx, tenant.id, user.oid, client.appId);
  claims.tid = tenant.id;
  claims.uti = newUti();
  claims.ver = "2.0";
  return claims;
}

export interface AccessTokenInput {
  client: Application;
  resource: Application;
  /** v1 `aud`: the identifier the request used for the resource (appId when none). */
  audienceAlias: string;
  tenant: Tenant;
  /** null for app-only tokens (client credentials). */
  user: TenantUser | null;
  scp: string[];
  roles: string[];
  sid: string | undefined;
  /** appidacr/azpacr: "0" public client, "1" client secret, "2" certificate. */
  clientAuth: "0" | "1" | "2";
  servicePrincipalId: string | undefined;
  time: TimeClaims;
}

/** v1 or v2 access token claims, by the resource's requestedAccessTokenVersion (§2.3). */
export function accessTokenClaims(ctx: EmulatorContext, input: AccessTokenInput): JwtClaims {
  return input.resource.accessTokenVersion === 2 ? v2AccessToken(ctx, input) : v1AccessToken(ctx, input);
}

function v2AccessToken(ctx: EmulatorContext, input: AccessTokenInput): JwtClaims {
  const { user, tenant, time } = input;
  const claims: JwtClaims = {
    aud: input.resource.appId,
    iss: issuerV2(ctx, tenant.id),
    iat: time.iat,
    nbf: time.nbf,
    exp: time.exp,
    aio: opaque("", 90),
    azp: input.client.appId,
    azpacr: input.clientAuth,
  };
  if (user) {
    const idp = identityProvider(ctx, user);
    if (idp) claims.idp = idp;
    claims.name = user.displayName;
    claims.oid = user.oid;
    claims.preferred_username = user.userPrincipalName;
  } else {
    claims.idtyp = "app";
    claims.oid = input.servicePrincipalId;
  }
  claims.rh = opaque("1.A", 42);
  if (input.roles.length > 0) claims.roles = input.roles;
  if (user) {
    claims.scp = input.scp.join(" ");
    if (input.sid) claims.sid = input.sid;
  }
  claims.sub = user ? pairwiseSub(ctx, tenant.id, user.oid, input.resource.appId) : input.servicePrincipalId;
  claims.tid = tenant.id;
  claims.uti = newUti();
  claims.ver = "2.0";
  return claims;
}

function v1AccessToken(ctx: EmulatorContext, input: AccessTokenInput): JwtClaims {
  const { user, tenant, time } = input;
  const claims: JwtClaims = {
    aud: input.audienceAlias,
    iss: issuerV1(ctx, tenant.id),
    iat: time.iat,
    nbf: time.nbf,
    exp: time.exp,
  };
  if (user) {
    claims.acr = "1";
    claims.aio = opaque("", 90);
    claims.amr = ["pwd"];
  } else {
    claims.aio = opaque("", 90);
  }
  claims.app_displayname = input.client.displayName;
  claims.appid = input.client.appId;
  claims.appidacr = input.clientAuth;
  if (user) {
    if (user.surname) claims.family_name = user.surname;
    if (user.givenName) claims.given_name = user.givenName;
    const idp = identityProvider(ctx, user);
    if (idp) claims.idp = idp;
    claims.ipaddr = "127.0.0.1";
    claims.name = user.displayName;
    claims.oid = user.oid;
  } else {
    claims.idp = issuerV1(ctx, tenant.id);
    claims.idtyp = "app";
    claims.oid = input.servicePrincipalId;
  }
  claims.rh = opaque("1.A", 42);
  if (input.roles.length > 0) claims.roles = input.roles;
  if (user) {
    claims.scp = input.scp.join(" ");
    if (input.sid) claims.sid = input.sid;
    claims.sub = pairwiseSub(ctx, tenant.id, user.oid, input.resource.appId);
  } else {
    claims.sub = input.servicePrincipalId;
  }
  claims.tenant_region_scope = tenant.region;
  claims.tid = tenant.id;
  if (user) {
    claims.unique_name =
      user.userType === "Guest"
        ? `${isPersonalAccount(user) ? "live.com" : "guest"}#${user.mail ?? user.userPrincipalName}`
        : user.userPrincipalName;
    if (user.userType === "Member" && !isPersonalAccount(user)) claims.upn = user.userPrincipalName;
  }
  claims.uti = newUti();
  claims.ver = "1.0";
  if (user && !isPersonalAccount(user))
    claims.wids = user.isAdmin ? [GLOBAL_ADMIN_ROLE, DEFAULT_USER_ROLE] : [DEFAULT_USER_ROLE];
  return claims;
}

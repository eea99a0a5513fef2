import { CONSUMERS_TENANT_ID } from "../../directory/model";
import { assertConsented } from "../consent";
import { AadError } from "../errors";
import { issueUserTokens, type TokenResponse, tokenTarget } from "../issue-tokens";
import { openRefreshToken } from "../refresh-tokens";
import { parseScopes } from "../scopes";
import type { GrantInput } from "./grant";

/** Entra prints the issue time with seven fractional digits: 2022-03-02T03:54:33.8043551Z. */
function entraInstant(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

/**
 * §5.2: valid for any resource the client has consent for, in any tenant where the user has
 * an object; rotates on every use while the old token stays valid; expires after 90 days unused.
 */
export function refreshTokenGrant({ ectx, form, segment, client, clientAuth }: GrantInput): TokenResponse {
  const token = form.get("refresh_token");
  if (!token) throw new AadError(900144, { name: "refresh_token" });
  const state = openRefreshToken(ectx.pki.refreshTokenKey, token);
  if (!state) throw new AadError(9002313);
  if (state.cid !== client.appId) throw new AadError(70000);
  if (ectx.clock.nowSeconds() - state.iat > ectx.lifetimes.refreshTokenInactivitySeconds) {
    throw new AadError(700082, { issued: entraInstant(state.iat) });
  }
  const { directory } = ectx;
  const original = directory.tenant(state.tid)?.users.get(state.oid);
  if (!original) throw new AadError(70000);

  let tenantId = state.tid;
  if (segment.kind === "tenant") tenantId = segment.tenant.id;
  if (segment.kind === "consumers") tenantId = CONSUMERS_TENANT_ID;
  const tenant = directory.tenant(tenantId);
  const user = tenant ? directory.userInTenant(tenant.id, original.home) : undefined;
  const home = directory.user(original.home);
  if (!tenant || !user) {
    throw new AadError(50020, {
      user: home?.userPrincipalName ?? original.userPrincipalName,
      idp: `${ectx.url}/${original.home.tenantId}/`,
      tenantName: tenant?.displayName ?? tenantId,
      appId: client.appId,
      appName: client.displayName,
    });
  }

  const scope = form.get("scope") || state.scope;
  const parsed = parseScopes(directory, client, scope, tenant.displayName);
  // The grant already holds offline_access, so the answer always carries the next refresh token.
  parsed.oidc.add("offline_access");
  const target = tokenTarget(ectx, parsed);
  assertConsented(directory, tenant, client, user, { oidc: new Set(), resources: [target] });
  return issueUserTokens(ectx, {
    client,
    tenant,
    user,
    parsed,
    target,
    nonce: undefined,
    sid: state.sid,
    authTime: state.auth_time,
    clientAuth,
    clientInfo: form.get("client_info") === "1",
    grantScope: state.scope,
  });
}

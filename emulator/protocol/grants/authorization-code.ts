import { createHash, timingSafeEqual } from "node:crypto";
import { assertConsented } from "../consent";
import { AadError } from "../errors";
import { issueUserTokens, type TokenResponse, tokenTarget } from "../issue-tokens";
import { parseScopes } from "../scopes";
import type { GrantInput } from "./grant";

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** §5.1: single use, about ten minutes, same client, same redirect URI, PKCE when it was started. */
export function authorizationCodeGrant({ ectx, form, segment, client, clientAuth }: GrantInput): TokenResponse {
  const code = form.get("code");
  if (!code) throw new AadError(900144, { name: "code" });
  const record = ectx.codes.get(code);
  if (!record || record.clientId !== client.appId) {
    throw new AadError(70000, {}, { message: "The provided value for the 'code' parameter is not valid." });
  }
  if (record.redeemed) throw new AadError(54005);
  if (ectx.clock.nowMs() > record.expiresAtMs) throw new AadError(70008);
  if (segment.kind === "tenant" && segment.tenant.id !== record.tenantId) throw new AadError(700005);
  const redirectUri = form.get("redirect_uri");
  if (!redirectUri) throw new AadError(900144, { name: "redirect_uri" });
  if (redirectUri !== record.redirectUri)
    throw new AadError(500112, { given: redirectUri, expected: record.redirectUri });
  if (record.codeChallenge) {
    const verifier = form.get("code_verifier") ?? "";
    const computed =
      record.codeChallengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
    if (!verifier || !sameString(computed, record.codeChallenge)) throw new AadError(501481);
  }
  record.redeemed = true;

  const tenant = ectx.directory.tenant(record.tenantId);
  const user = tenant?.users.get(record.userOid);
  if (!tenant || !user) throw new AadError(70000);
  const granted = parseScopes(ectx.directory, client, record.scope, tenant.displayName);
  // msal repeats the scopes on redemption; the token is for that request's first resource.
  const requested = form.get("scope")
    ? parseScopes(ectx.directory, client, form.get("scope") ?? "", tenant.displayName)
    : granted;
  const target = tokenTarget(ectx, requested.resources.length > 0 ? requested : granted);
  assertConsented(ectx.directory, tenant, client, user, { oidc: new Set(), resources: [target] });
  return issueUserTokens(ectx, {
    client,
    tenant,
    user,
    parsed: { oidc: granted.oidc, resources: [target] },
    target,
    nonce: record.nonce,
    sid: record.sid,
    authTime: record.authTime,
    clientAuth,
    clientInfo: form.get("client_info") === "1",
    grantScope: record.scope,
  });
}

import { issuerV1, issuerV2 } from "../../context";
import { assertConsented } from "../consent";
import { AadError } from "../errors";
import { issueUserTokens, type TokenResponse, tokenTarget } from "../issue-tokens";
import { verifyJwtSignature } from "../jwt";
import { parseScopes } from "../scopes";
import type { GrantInput } from "./grant";

/**
 * §5.4: a middle-tier API trades the user's access token (whose audience is the API) for a
 * token to a downstream resource, with the API's own consent. No ID token comes back.
 */
export function onBehalfOfGrant({ ectx, form, segment, client, clientAuth }: GrantInput): TokenResponse {
  const { directory } = ectx;
  if (form.get("requested_token_use") !== "on_behalf_of") throw new AadError(900144, { name: "requested_token_use" });
  const assertion = form.get("assertion");
  if (!assertion) throw new AadError(900144, { name: "assertion" });
  const scope = form.get("scope");
  if (!scope) throw new AadError(900144, { name: "scope" });

  const verified = verifyJwtSignature(assertion, [ectx.pki.orgKey, ectx.pki.msaKey]);
  if (verified === "malformed") throw new AadError(50027);
  if (verified === "unknown_key") throw new AadError(50013, { reason: "The key was not found." });
  if (verified === "bad_signature") throw new AadError(50013, { reason: "The signature is invalid." });
  const claims = verified.claims;
  const tid = typeof claims.tid === "string" ? claims.tid : "";
  const issuerOk = claims.iss === issuerV2(ectx, tid) || claims.iss === issuerV1(ectx, tid);
  if (!issuerOk) throw new AadError(50013, { reason: "The issuer of the assertion is not valid." });
  const audiences = [client.appId, ...client.identifierUris].map((a) => a.toLowerCase());
  if (typeof claims.aud !== "string" || !audiences.includes(claims.aud.toLowerCase())) {
    throw new AadError(
      50013,
      {},
      {
        message: `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${String(claims.aud)}' and the expected audience is '${client.appId}' or one of the Application Id URIs of this client: ${client.identifierUris.map((u) => `'${u}'`).join(", ")}.`,
      },
    );
  }
  const now = ectx.clock.nowSeconds();
  if (
    typeof claims.exp !== "number" ||
    claims.exp <= now ||
    (typeof claims.nbf === "number" && claims.nbf > now + 300)
  ) {
    throw new AadError(500133, {
      now: new Date(now * 1000).toISOString(),
      exp: new Date(Number(claims.exp) * 1000).toISOString(),
    });
  }
  if (typeof claims.scp !== "string") {
    // Without scp: an app-only token (idtyp "app") or an ID token.
    if (claims.idtyp === "app") {
      throw new AadError(50013, { reason: "The assertion is an app-only token; on-behalf-of needs a user token." });
    }
    throw new AadError(240002);
  }
  const tenant = directory.tenant(tid);
  if (!tenant) throw new AadError(90002, { tenant: tid });
  if (segment.kind === "tenant" && segment.tenant.id !== tenant.id) {
    throw new AadError(50013, { reason: "The assertion was issued for another tenant." });
  }
  const user = typeof claims.oid === "string" ? tenant.users.get(claims.oid) : undefined;
  if (!user) throw new AadError(50034, { tenantId: tenant.id });

  const parsed = parseScopes(directory, client, scope, tenant.displayName);
  const target = tokenTarget(ectx, parsed);
  // msal turns suberror consent_required into InteractionRequiredAuthError for the API to relay.
  assertConsented(
    directory,
    tenant,
    client,
    user,
    { oidc: new Set(), resources: [target] },
    { suberror: "consent_required" },
  );
  return issueUserTokens(ectx, {
    client,
    tenant,
    user,
    parsed,
    target,
    nonce: undefined,
    sid: typeof claims.sid === "string" ? claims.sid : crypto.randomUUID(),
    authTime: typeof claims.iat === "number" ? claims.iat : now,
    clientAuth,
    clientInfo: form.get("client_info") === "1",
    grantScope: scope,
    withIdToken: false,
  });
}
